import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { PolicyError } from './errors.js';

/** A parsed YAML file that remembers where every value came from, for error messages. */
export interface YamlFile {
  path: string;
  document: Document;
  lines: LineCounter;
  /** Plain data: mappings, lists, strings, numbers, booleans, null. */
  value: unknown;
}

export type Key = string | number;

/** Deeper nesting is refused: no real config needs it, and it stops alias bombs. */
const MAX_DEPTH = 64;

/**
 * Parse YAML text. Errors (syntax, duplicate keys) come back with their line; nothing throws.
 * A number whose text would change when read as a number (`3.10`, `1e3`) is kept as the text
 * written, so `versions: [3.10]` means the tag `3.10`, not 3.1.
 */
export function parseYaml(text: string, path: string): { ok: true; file: YamlFile } | { ok: false; errors: PolicyError[] } {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (document.errors.length > 0) {
    const errors = document.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return { file: path, line, column: col, message: `not valid YAML: ${firstSentence(error.message)}` };
    });
    return { ok: false, errors };
  }
  const converted = toPlain(document, document.contents as Node | null, 0);
  if (!converted.ok) {
    const { line, col } = lines.linePos(converted.offset);
    return { ok: false, errors: [{ file: path, line, column: col, message: converted.message }] };
  }
  return { ok: true, file: { path, document, lines, value: converted.value } };
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

type Conversion = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

function toPlain(document: Document, node: Node | null, depth: number): Conversion {
  if (node === null || node === undefined) return { ok: true, value: null };
  const offset = node.range?.[0] ?? 0;
  if (depth > MAX_DEPTH) return { ok: false, offset, message: 'the file nests too deeply' };
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target) return { ok: false, offset, message: `unknown alias *${node.source}` };
    return toPlain(document, target as Node, depth + 1);
  }
  if (isScalar(node)) {
    const { value, source } = node;
    if (typeof value === 'number' && typeof source === 'string' && String(value) !== source) {
      return { ok: true, value: source };
    }
    return { ok: true, value: value === undefined ? null : value };
  }
  if (isSeq(node)) {
    const items: unknown[] = [];
    for (const item of node.items) {
      const converted = toPlain(document, item as Node | null, depth + 1);
      if (!converted.ok) return converted;
      items.push(converted.value);
    }
    return { ok: true, value: items };
  }
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || (key.value !== null && typeof key.value === 'object')) {
        return { ok: false, offset: key?.range?.[0] ?? offset, message: 'keys must be plain words' };
      }
      const name = keyText(key.value, key.source);
      const converted = toPlain(document, pair.value as Node | null, depth + 1);
      if (!converted.ok) return converted;
      // Own property even for `__proto__`: plain assignment would change the prototype.
      Object.defineProperty(object, name, { value: converted.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: object };
  }
  return { ok: false, offset, message: 'unsupported YAML node' };
}

function keyText(value: unknown, source: unknown): string {
  if (typeof value === 'number' && typeof source === 'string') return source;
  return String(value);
}

/** The node at a data path, or the deepest existing node on the way to it. */
function nodeAt(file: YamlFile, path: readonly Key[]): { node: Node | null; found: boolean; keyNode: Node | null } {
  let node = file.document.contents as Node | null;
  let keyNode: Node | null = null;
  for (const key of path) {
    const resolved = node && isAlias(node) ? (node.resolve(file.document) as Node | undefined) ?? null : node;
    if (resolved && isMap(resolved)) {
      const pair = resolved.items.find((p) => isPair(p) && isScalar(p.key) && keyText(p.key.value, p.key.source) === String(key));
      if (!pair) return { node: resolved, found: false, keyNode };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
      continue;
    }
    if (resolved && isSeq(resolved) && typeof key === 'number' && resolved.items[key]) {
      keyNode = null;
      node = resolved.items[key] as Node;
      continue;
    }
    return { node: resolved, found: false, keyNode };
  }
  return { node, found: true, keyNode };
}

/** 1-based line and column of the value at `path` (or of the nearest parent that exists). */
export function locate(file: YamlFile, path: readonly Key[]): { line: number; column: number } {
  const { node } = nodeAt(file, path);
  return position(file, node?.range?.[0] ?? 0);
}

/** Where the key itself is written (for "unknown key" errors); falls back to the value. */
export function locateKey(file: YamlFile, path: readonly Key[]): { line: number; column: number } {
  const { node, keyNode, found } = nodeAt(file, path);
  const target = found && keyNode ? keyNode : node;
  return position(file, target?.range?.[0] ?? 0);
}

/** True when the path names something written in the file. */
export function exists(file: YamlFile, path: readonly Key[]): boolean {
  return nodeAt(file, path).found;
}

function position(file: YamlFile, offset: number): { line: number; column: number } {
  const { line, col } = file.lines.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}
