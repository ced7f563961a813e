import { expandPlaced, type Lookup, type Placed } from './expand.js';
import type { ArgProvenance, Instruction, KeyValue, PartOrigin, ReferencePart, Span, VariableState } from './types.js';

/**
 * ARG scopes, and the expansion of an image reference in one, remembering where each character of
 * the result came from (ArgProvenance): a bump edits those characters, PL1006 says why a reference
 * has no value. Docker's scoping: a FROM sees the ARGs before the first FROM; a stage sees the ARGs
 * it declares, and `ARG NAME` without a default there takes the global value; a build argument
 * replaces the value of an ARG the file declares. Pure.
 */

/** ARGs BuildKit defines in the global scope per build: declared, value unknown here. */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

/** Where a text is written: its first character's line, column and offset (on one line). */
export interface Place {
  line: number;
  column: number;
  start: number;
}

/** One character's place: its offset in the file (-1: none) and its origin, shared by its run. */
interface Char {
  offset: number;
  source: { origin: PartOrigin; via: string[]; written: Place | null };
}

type Value = Placed<Char>;

/** An ARG as a scope holds it. */
interface Binding {
  /** Null when it has no known value. */
  value: Value | null;
  state: Exclude<VariableState, 'undeclared'>;
  /** The ARGs its value is made of: those its default names, and theirs. */
  args: readonly string[];
}

export type ArgScope = Map<string, Binding>;

/** What every expansion of one file needs. */
export interface ScopeContext {
  /** The file's text (BOM removed), to place defaults and words in. */
  text: string;
  escape: string;
  /** `--build-arg NAME=value` of the build. */
  buildArgs: ReadonlyMap<string, string>;
}

/** The scope a FROM sees: BuildKit's platform ARGs, then the global ARG instructions in order. */
export function globalScope(globalArgs: readonly Instruction[], context: ScopeContext): ArgScope {
  const scope: ArgScope = new Map();
  for (const name of PLATFORM_ARGS) scope.set(name, { value: null, state: 'buildkit', args: [] });
  for (const instruction of globalArgs) {
    for (const pair of instruction.pairs) {
      // A later ARG with a default wins; a redeclaration without one keeps the earlier default.
      if (pair.rawValue !== null || !scope.has(pair.key) || PLATFORM_ARGS.has(pair.key) || context.buildArgs.has(pair.key)) {
        scope.set(pair.key, declare(pair, instruction.line, scope, context));
      }
    }
  }
  return scope;
}

/** Add a stage's ARG instruction to its scope; `ARG NAME` without a default takes the global value. */
export function declareInStage(stage: ArgScope, instruction: Instruction, globals: ArgScope, context: ScopeContext): void {
  for (const pair of instruction.pairs) stage.set(pair.key, declare(pair, instruction.line, stage, context, globals.get(pair.key)));
}

function declare(pair: KeyValue, line: number, scope: ArgScope, context: ScopeContext, inherited?: Binding): Binding {
  const given = context.buildArgs.get(pair.key);
  if (given !== undefined) {
    const source = { origin: { kind: 'build-arg' as const, arg: pair.key }, via: [pair.key], written: null };
    return { value: { text: given, at: Array.from({ length: given.length }, () => ({ offset: -1, source })) }, state: 'set', args: [] };
  }
  if (pair.rawValue === null || pair.valueSpan === null) return inherited ?? { value: null, state: 'no-default', args: [] };
  const { start } = pair.valueSpan;
  // Placed only when written as is, on one line (not across a continuation).
  const placed = context.text.slice(start, start + pair.rawValue.length) === pair.rawValue && !pair.rawValue.includes('\n');
  const source = { origin: { kind: 'default' as const, arg: pair.key, line }, via: [pair.key], written: placed ? { line: pair.valueSpan.line, column: pair.valueSpan.column, start } : null };
  const expansion = expandPlaced(unquotePlaced(pair.rawValue, placed ? start : -1, source), lookupIn(scope), context.escape);
  const args = dependencies(expansion.names, scope);
  if (expansion.value === null) return { value: null, state: 'unknown', args };
  return { value: through(pair.key, expansion.value, source), state: 'set', args };
}

/** The value of ARG `name`: what came from other ARGs now came through `name` first. */
function through(name: string, value: Value, own: Char['source']): Value {
  const wrapped = new Map<Char['source'], Char['source']>();
  const wrap = (source: Char['source']) => {
    if (source === own) return source;
    let outer = wrapped.get(source);
    if (!outer) wrapped.set(source, (outer = { ...source, via: [name, ...source.via] }));
    return outer;
  };
  return { text: value.text, at: value.at.map((char) => ({ offset: char.offset, source: wrap(char.source) })) };
}

function lookupIn(scope: ArgScope): Lookup<Char> {
  return (name) => {
    const binding = scope.get(name);
    return binding === undefined ? undefined : binding.value;
  };
}

function dependencies(names: readonly string[], scope: ArgScope): string[] {
  const args = new Set<string>();
  for (const name of names) {
    args.add(name);
    for (const inner of scope.get(name)?.args ?? []) args.add(inner);
  }
  return [...args];
}

/**
 * Expand a reference written at `written` in the file (null when it is not written there as is,
 * e.g. across lines) in `scope`.
 */
export function expandReference(
  word: string,
  written: Place | null,
  scope: ArgScope,
  kind: ArgProvenance['scope'],
  context: ScopeContext,
): { value: string | null; names: string[]; provenance: ArgProvenance } {
  const place = word.includes('\n') ? null : written;
  const source = { origin: { kind: 'literal' as const }, via: [], written: place };
  const input: Value = { text: word, at: Array.from({ length: word.length }, (_, i) => ({ offset: place === null ? -1 : place.start + i, source })) };
  const expansion = expandPlaced(input, lookupIn(scope), context.escape);
  const variables = expansion.names.map((name) => ({ name, state: scope.get(name)?.state ?? ('undeclared' as const) }));
  return {
    value: expansion.value?.text ?? null,
    names: expansion.names,
    provenance: {
      scope: kind,
      parts: expansion.value === null ? [] : partsOf(expansion.value),
      variables,
      args: dependencies(expansion.names, scope),
    },
  };
}

/** A reference no ARG can feed (the `# syntax=` directive): one literal part. */
export function literalProvenance(text: string, span: Span): ArgProvenance {
  return { scope: 'global', parts: text === '' ? [] : [{ text, origin: { kind: 'literal' }, via: [], span }], variables: [], args: [] };
}

/** Runs of characters with one origin that sit side by side in the file (or nowhere). */
function partsOf(value: Value): ReferencePart[] {
  const parts: ReferencePart[] = [];
  let from = 0;
  for (let i = 1; i <= value.text.length; i++) {
    const previous = value.at[i - 1]!;
    const char = value.at[i];
    const joined = char !== undefined && char.source === previous.source && (char.offset < 0 ? previous.offset < 0 : char.offset === previous.offset + 1);
    if (joined) continue;
    const first = value.at[from]!;
    parts.push({
      text: value.text.slice(from, i),
      origin: first.source.origin,
      via: first.source.via,
      span: first.offset < 0 ? null : spanOf(first.source.written!, first.offset, previous.offset + 1),
    });
    from = i;
  }
  return parts;
}

/** The span of `[start, end)` of a text written on one line at `written`. */
function spanOf(written: Place, start: number, end: number): Span {
  const column = written.column + (start - written.start);
  return { line: written.line, column, endLine: written.line, endColumn: column + (end - start), start, end };
}

/** The model's `unquote` of an ARG default written at `offset` (-1: nowhere), each kept character placed. */
function unquotePlaced(raw: string, offset: number, source: Char['source']): Value {
  const out: Value = { text: '', at: [] };
  const keep = (index: number) => {
    out.text += raw[index];
    out.at.push({ offset: offset < 0 ? -1 : offset + index, source });
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
