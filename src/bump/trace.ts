import { expandPlaced } from '../dockerfile/expand.js';
import type { Dockerfile } from '../dockerfile/types.js';

/**
 * ARG expansion that remembers where each character of the result is written in the file, so a
 * bump can edit the exact characters of a version, whether they sit in the FROM line or in an ARG
 * default (possibly through another ARG). Expands with src/dockerfile/expand.ts, as the model does,
 * and follows the model's ARG scoping; a character with no place in the file has offset -1.
 */

export interface Traced {
  text: string;
  /** Offset in the file of each character of `text`. */
  at: number[];
  /** Global ARG names the text came through, directly or via other ARGs. */
  args: Set<string>;
}

/** ARGs BuildKit defines in the global scope: declared, value unknown. */
const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
];

type Scope = ReadonlyMap<string, Traced | null>;

/** The value of every global ARG (before the first FROM), traced; null when it has no default. */
export function traceGlobalArgs(dockerfile: Dockerfile, text: string): Map<string, Traced | null> {
  const scope = new Map<string, Traced | null>();
  for (const name of PLATFORM_ARGS) scope.set(name, null);
  for (const instruction of dockerfile.globalArgs) {
    for (const pair of instruction.pairs) {
      if (pair.rawValue === null || pair.valueSpan === null) {
        if (!scope.has(pair.key)) scope.set(pair.key, null);
        if (PLATFORM_ARGS.includes(pair.key)) scope.set(pair.key, null);
        continue;
      }
      const start = pair.valueSpan.start;
      const placed = text.slice(start, start + pair.rawValue.length) === pair.rawValue;
      const raw = unquoteTraced(pair.rawValue, placed ? start : -1);
      const value = expandTraced(raw, scope, dockerfile.escape);
      if (value) value.args.add(pair.key);
      scope.set(pair.key, value);
    }
  }
  return scope;
}

/** Expand a FROM word (written at `offset` in the file) with the traced global ARGs. */
export function traceWord(word: string, offset: number, scope: Scope, escape: string): Traced | null {
  const at = Array.from({ length: word.length }, (_, i) => (offset < 0 ? -1 : offset + i));
  return expandTraced({ text: word, at, args: new Set() }, scope, escape);
}

function expandTraced(input: Traced, scope: Scope, escape: string): Traced | null {
  const expansion = expandPlaced(input, (name) => (scope.has(name) ? (scope.get(name) ?? null) : undefined), escape);
  if (expansion.value === null) return null;
  const args = new Set([...input.args, ...expansion.names]);
  for (const name of expansion.substituted) for (const inner of scope.get(name)?.args ?? []) args.add(inner);
  return { ...expansion.value, args };
}

/** The model's `unquote`, keeping each kept character's offset. */
function unquoteTraced(raw: string, offset: number): Traced {
  const out: Traced = { text: '', at: [], args: new Set() };
  const keep = (index: number) => {
    out.text += raw[index];
    out.at.push(offset < 0 ? -1 : offset + index);
  };
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < raw.length) keep(++i);
      else keep(i);
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < raw.length) keep(++i);
    else keep(i);
  }
  return out;
}

/** The file range of `text[from, to)` when those characters sit side by side in the file; else null. */
export function contiguousRange(traced: Traced, from: number, to: number): { start: number; end: number } | null {
  if (to <= from) return null;
  const first = traced.at[from]!;
  if (first < 0) return null;
  for (let k = from + 1; k < to; k++) if (traced.at[k] !== first + (k - from)) return null;
  return { start: first, end: first + (to - from) };
}
