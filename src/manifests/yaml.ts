import { isAlias, isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../dockerfile/types.js';
import type { LineIndex } from '../files/lines.js';
import { keyName, type YamlDocument, type YamlStream } from '../yaml/parse.js';
import { written, type Traced } from './traced.js';

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
