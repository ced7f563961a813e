import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node } from 'yaml';
import type { LineIndex } from '../files/lines.js';
import { parseYamlStream } from '../yaml/parse.js';
import type { PolicyError } from './errors.js';

/**
 * A configuration file (the policy, the repository config) read as plain data that remembers
 * where every value came from, for error messages. Read by the one YAML loader (../yaml/parse.ts):
 * nesting capped while parsing, duplicate keys found in linear time, aliases looked up in an index.
 */
export interface YamlFile {
  path: string;
  /** The document's top node as written (aliases not followed); null for an empty file. */
  root: Node | null;
  aliases: Map<Alias, Node>;
  lines: LineIndex;
  /** Plain data: mappings, lists, strings, numbers, booleans, null. */
  value: unknown;
}

export type Key = string | number;

/** Deeper nesting is refused: no real config needs it, and the parser's stack stays small. */
export const MAX_DEPTH = 64;
/**
 * Values a file may expand to through aliases: far above any real config (a policy of a thousand
 * images lists a few tens of thousands), far below what a billion-laughs file would build.
 */
export const MAX_VALUES = 1_000_000;

/**
 * Parse YAML text holding one document. Errors (syntax, duplicate keys, nesting, more than one
 * document) come back with their line; nothing throws. A number whose text would change when read
 * as a number (`3.10`, `1e3`) is kept as the text written, so `versions: [3.10]` means the tag
 * `3.10`, not 3.1.
 */
export function parseYaml(text: string, path: string): { ok: true; file: YamlFile } | { ok: false; errors: PolicyError[] } {
  const stream = parseYamlStream(text, { maxNesting: MAX_DEPTH });
  const fail = (offset: number, message: string) => {
    const { line, column } = stream.lines.position(offset);
    return { ok: false as const, errors: [{ file: path, line: Math.max(line, 1), column: Math.max(column, 1), message }] };
  };
  const [problem] = stream.problems;
  if (problem) return fail(problem.offset, problem.message);
  const [document, second] = stream.documents;
  if (second) return fail(second.document.range[0], 'not valid YAML: the file holds more than one YAML document');
  const root = (document?.document.contents as Node | null | undefined) ?? null;
  const aliases = document?.aliases ?? new Map<Alias, Node>();
  const budget = { values: MAX_VALUES };
  const converted = toPlain(aliases, root, 0, budget);
  if (!converted.ok) return fail(converted.offset, converted.message);
  return { ok: true, file: { path, root, aliases, lines: stream.lines, value: converted.value } };
}

type Conversion = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

function toPlain(aliases: Map<Alias, Node>, node: Node | null, depth: number, budget: { values: number }): Conversion {
  if (node === null || node === undefined) return { ok: true, value: null };
  const offset = node.range?.[0] ?? 0;
  if (depth > MAX_DEPTH) return { ok: false, offset, message: `the file nests more than ${MAX_DEPTH} levels deep (aliases included), deeper than any real config; not read` };
  if (--budget.values < 0) return { ok: false, offset, message: `its aliases expand to more than ${MAX_VALUES} values, more than any real config; not read` };
  if (isAlias(node)) {
    const target = aliases.get(node);
    if (!target) return { ok: false, offset, message: `unknown alias *${node.source}` };
    return toPlain(aliases, target, depth + 1, budget);
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
      const converted = toPlain(aliases, item as Node | null, depth + 1, budget);
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
      const converted = toPlain(aliases, pair.value as Node | null, depth + 1, budget);
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
  let node = file.root;
  let keyNode: Node | null = null;
  for (const key of path) {
    const resolved = node && isAlias(node) ? (file.aliases.get(node) ?? null) : node;
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
  const { line, column } = file.lines.position(offset);
  return { line: Math.max(line, 1), column: Math.max(column, 1) };
}
