import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  Parser,
  Scalar,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { CST } from 'yaml';
import type { Span } from '../dockerfile/types.js';
import { LineIndex, written, type Traced } from './traced.js';

/**
 * YAML read for image extraction, safe on hostile input. The `yaml` library parses; this module
 * adds what a file from any pull request needs:
 * - nesting is capped while the parser runs (a deeply nested file would overflow the stack);
 * - aliases are never expanded: an alias is looked up once in an index of its document's anchors,
 *   so a billion-laughs file costs what its text costs;
 * - duplicate keys are found in linear time (the library's own check is quadratic) and make the
 *   document unreadable, as Compose and kubectl refuse them;
 * - every value keeps its place in the text, so a bump edits only the characters it must.
 */

/** Deeper than any real manifest; far below what overflows the parser's stack. */
export const MAX_NESTING = 256;

export interface YamlDocument {
  document: Document.Parsed;
  /** Where each alias of the document points (the last anchor of that name before it). */
  aliases: Map<Alias, Node>;
}

export interface YamlProblem {
  offset: number;
  message: string;
}

export interface YamlStream {
  /** Documents that parsed cleanly, in order. */
  documents: YamlDocument[];
  /** Problems of the documents left out (or of the whole stream), in order. */
  problems: YamlProblem[];
  lines: LineIndex;
}

/** Parse every document of a YAML stream. Never throws; a document with an error is left out. */
export function parseYamlStream(text: string): YamlStream {
  const lines = new LineIndex(text);
  const parser = new Parser();
  let tooDeep: number | null = null;
  // Tokens stream into the composer document by document (as parseAllDocuments does); a document
  // is composed once complete, so one nested too deep is stopped before it is composed.
  function* tokens(): Generator<CST.Token> {
    let offset = 0;
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      offset += lexeme.length;
      if (parser.stack.length > MAX_NESTING) {
        tooDeep = offset;
        return;
      }
    }
    yield* parser.end();
  }

  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  for (const document of new Composer({ uniqueKeys: false, logLevel: 'silent' }).compose(tokens())) {
    if (tooDeep !== null) break;
    const error = document.errors[0];
    if (error) {
      problems.push({ offset: error.pos[0], message: `not valid YAML: ${firstLine(error.message)}` });
      continue;
    }
    const indexed = indexDocument(document.contents as Node | null);
    if (indexed.duplicate) {
      problems.push(indexed.duplicate);
      continue;
    }
    documents.push({ document, aliases: indexed.aliases });
  }
  if (tooDeep !== null) {
    return { documents: [], problems: [{ offset: tooDeep, message: `it nests more than ${MAX_NESTING} levels deep, deeper than any real file; not read` }], lines };
  }
  return { documents, problems, lines };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * One walk of the document as written (aliases not followed): each alias mapped to its anchor, and
 * the first duplicate key. Nesting is already capped, so recursion is bounded.
 */
function indexDocument(contents: Node | null): { aliases: Map<Alias, Node>; duplicate: YamlProblem | null } {
  const aliases = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  let duplicate: YamlProblem | null = null;
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) aliases.set(node, target);
      return;
    }
    const anchored = node as Node;
    if (!isAlias(anchored) && anchored.anchor) anchors.set(anchored.anchor, anchored);
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const name = keyName(pair.key);
        if (name !== null && name !== '<<') {
          if (keys.has(name) && duplicate === null) {
            duplicate = { offset: (pair.key as Node).range?.[0] ?? 0, message: `not valid YAML: the key "${name}" is written twice in one mapping` };
          }
          keys.add(name);
        }
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(contents);
  return { aliases, duplicate };
}

/** A mapping key as text; null for a key that is not a scalar. */
export function keyName(key: unknown): string | null {
  if (!isScalar(key)) return null;
  const { value, source } = key as Scalar & { source?: string };
  if (typeof value === 'string') return value;
  return typeof source === 'string' ? source : String(value);
}

/** A YAML document with its alias index: the words extraction reads a document with. */
export class YamlReader {
  constructor(
    private readonly doc: YamlDocument,
    private readonly text: string,
    private readonly lines: LineIndex,
    readonly file: string,
  ) {}

  get contents(): Node | null {
    return this.resolve(this.doc.document.contents as Node | null);
  }

  /** The node an alias stands for (the anchored node itself); other nodes as they are. */
  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.doc.aliases.get(node) ?? null;
    return node as Node;
  }

  /** The mapping a node is, through an alias; null otherwise. */
  map(node: unknown): YAMLMap | null {
    const resolved = this.resolve(node);
    return isMap(resolved) ? resolved : null;
  }

  /** The items of a sequence, through aliases; empty otherwise. */
  items(node: unknown): Node[] {
    const resolved = this.resolve(node);
    if (!isSeq(resolved)) return [];
    return resolved.items.map((item) => this.resolve(item)).filter((item): item is Node => item !== null);
  }

  /**
   * The entries of a mapping with YAML merge keys applied as Compose and kubectl apply them
   * (`<<: *base`, `<<: [*a, *b]`): the mapping's own keys win, then the merged mappings in order.
   * Each mapping is read once, so a merge cycle ends.
   */
  entries(node: unknown): Array<[string, Node | null]> {
    const out = new Map<string, Node | null>();
    const seen = new Set<YAMLMap>();
    const visit = (value: unknown): void => {
      const map = this.map(value);
      if (!map || seen.has(map)) return;
      seen.add(map);
      const merges: unknown[] = [];
      for (const pair of map.items as Array<Pair<unknown, unknown>>) {
        const name = keyName(pair.key);
        if (name === null) continue;
        if (name === '<<' && !(isScalar(pair.key) && (pair.key as Scalar).type !== Scalar.PLAIN)) {
          const target = this.resolve(pair.value);
          if (isSeq(target)) merges.push(...target.items);
          else merges.push(pair.value);
          continue;
        }
        if (!out.has(name)) out.set(name, this.resolve(pair.value));
      }
      for (const merged of merges) visit(merged);
    };
    visit(node);
    return [...out];
  }

  /** The value of `key` in a mapping (merge keys applied); null when absent. */
  get(node: unknown, key: string): Node | null {
    const map = this.map(node);
    if (!map) return null;
    let merges = false;
    for (const pair of map.items as Array<Pair<unknown, unknown>>) {
      const name = keyName(pair.key);
      if (name === key) return this.resolve(pair.value);
      if (name === '<<') merges = true;
    }
    return merges ? (this.entries(map).find(([name]) => name === key)?.[1] ?? null) : null;
  }

  /** A scalar's text value; null for anything else, and for `null`/`~`/an empty value. */
  string(node: unknown): string | null {
    const resolved = this.resolve(node);
    if (!isScalar(resolved)) return null;
    const { value } = resolved;
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    // `image: 1.0` is the text 1.0, not the number 1.
    return resolved.type === Scalar.PLAIN && resolved.range ? this.text.slice(resolved.range[0], resolved.range[1]) : String(value);
  }

  /**
   * A scalar's value traced to the text, so an edit lands on the right characters: plain
   * one-line scalars and quoted ones without escapes or line breaks keep every place; others
   * (escapes, folded lines, block scalars) are readable but not traceable (null).
   */
  traced(node: Scalar): Traced | null {
    const value = this.string(node);
    const range = node.range;
    if (value === null || !range) return null;
    const source = this.text.slice(range[0], range[1]);
    switch (node.type) {
      case Scalar.PLAIN:
        return source === value ? written(value, this.file, range[0]) : null;
      case Scalar.QUOTE_DOUBLE: {
        const inner = source.slice(1, -1);
        return inner === value ? written(value, this.file, range[0] + 1) : null;
      }
      case Scalar.QUOTE_SINGLE: {
        const inner = source.slice(1, -1);
        if (inner.includes('\n')) return null;
        // `''` is one quote: keep the place of the second.
        const at: Traced['at'] = [];
        let text = '';
        for (let i = 0; i < inner.length; i++) {
          if (inner[i] === "'" && inner[i + 1] === "'") i++;
          text += inner[i];
          at.push({ file: this.file, offset: range[0] + 1 + i });
        }
        return text === value ? { text, at } : null;
      }
      default:
        return null;
    }
  }

  /** The place of a node's value (quotes included, tag and anchor not) for findings. */
  span(node: Node): Span {
    const [start, end] = node.range ?? [0, 0];
    return this.lines.span(start, end);
  }
}

/** The stream's problems as the one warning a file gets: the first, and how many more. */
export function streamProblem(stream: YamlStream, file: string): { file: string; line: number; column: number; message: string } | null {
  const [first, ...rest] = stream.problems;
  if (!first) return null;
  const { line, column } = stream.lines.position(first.offset);
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  return { file, line, column, message: `${first.message}${more}` };
}
