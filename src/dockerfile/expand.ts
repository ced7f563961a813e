/**
 * Docker's variable substitution in instruction arguments: `$X`, `${X}`, `${X:-word}`,
 * `${X-word}`, `${X:+word}`, `${X+word}`. Values are ARG defaults only (no build args are known),
 * so an ARG without default is "set but unknown" and makes the result unknown.
 *
 * The `word` of a modifier is read as BuildKit's shell lexer reads it (frontend/dockerfile/shell/
 * lex.go, processStopOn): quotes are removed (`${REF:-"alpine:3.19@sha256:…"}` is
 * `alpine:3.19@sha256:…`), the escape character escapes the next character, and variables inside
 * it expand too (`${A:-${B}}`).
 */

/** name -> default value; null = declared without a default (unknown at lint time). */
export type ArgValues = ReadonlyMap<string, string | null>;

export interface Expansion {
  /** Result, or null when a variable had no known value. */
  value: string | null;
  /** Variable names referenced, in order of first use. */
  names: string[];
}

/** A text that knows, for each character, its offset in the file (-1 when it has none). */
export interface Placed {
  text: string;
  at: number[];
}

export interface PlacedExpansion {
  value: Placed | null;
  /** Variable names referenced, in order of first use. */
  names: string[];
  /** Names whose values made it into the result. */
  substituted: string[];
}

/** A variable's value: undefined when undeclared (expands to nothing), null when unknown. */
export type Lookup = (name: string) => Placed | null | undefined;

export function expandVariables(text: string, values: ArgValues, escape = '\\'): Expansion {
  const lookup: Lookup = (name) => {
    if (!values.has(name)) return undefined;
    const value = values.get(name) ?? null;
    return value === null ? null : { text: value, at: new Array<number>(value.length).fill(-1) };
  };
  const { value, names } = expandPlaced({ text, at: new Array<number>(text.length).fill(-1) }, lookup, escape);
  return { value: value?.text ?? null, names };
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Expand `input`, keeping every character's place (a substituted value keeps its own). */
export function expandPlaced(input: Placed, lookup: Lookup, escape = '\\'): PlacedExpansion {
  const names: string[] = [];
  const substituted: string[] = [];
  const { text, at } = input;
  let i = 0;

  const out = (): Placed & { unknown: boolean } => ({ text: '', at: [], unknown: false });
  type Out = ReturnType<typeof out>;
  const push = (target: Out, piece: Placed) => {
    target.text += piece.text;
    target.at.push(...piece.at);
  };
  const char = (target: Out, index: number) => push(target, { text: text[index]!, at: [at[index]!] });

  /** `$...` at `i`: a variable, or a plain `$`. */
  const dollar = (target: Out) => {
    const begin = i;
    const braced = text[i + 1] === '{';
    let cursor = i + (braced ? 2 : 1);
    if (!NAME_START.test(text[cursor] ?? '')) {
      char(target, i++);
      return;
    }
    const start = cursor;
    while (cursor < text.length && NAME_CHAR.test(text[cursor]!)) cursor++;
    const name = text.slice(start, cursor);
    const first = !names.includes(name);
    if (first) names.push(name);
    let op: string | null = null;
    let word: Out | null = null;
    if (braced) {
      if (text.startsWith(':-', cursor) || text.startsWith(':+', cursor)) op = text.slice(cursor, (cursor += 2));
      else if (text[cursor] === '-' || text[cursor] === '+') op = text[cursor++]!;
      if (op !== null) {
        i = cursor;
        word = out();
        readWord(word, '}');
        cursor = i;
      }
      if (text[cursor] !== '}') {
        // Not a substitution this reads (`${X?err}`, no closing brace): the `$` is text.
        if (first) names.splice(names.indexOf(name), 1);
        i = begin;
        char(target, i++);
        return;
      }
      cursor++;
    }
    i = cursor;
    const value = lookup(name);
    const declared = value !== undefined;
    const isSet = declared && value !== null;
    const isNonEmpty = isSet && value.text !== '';
    const useValue = () => {
      push(target, value!);
      if (!substituted.includes(name)) substituted.push(name);
    };
    const useWord = () => {
      push(target, word!);
      if (word!.unknown) target.unknown = true;
    };
    switch (op) {
      case ':-':
        if (isNonEmpty) useValue();
        else if (declared && value === null) target.unknown = true;
        else useWord();
        break;
      case '-':
        if (isSet) useValue();
        else if (declared) target.unknown = true;
        else useWord();
        break;
      case ':+':
        if (declared && value === null) target.unknown = true;
        else if (isNonEmpty) useWord();
        break;
      case '+':
        if (declared && value === null) target.unknown = true;
        else if (isSet) useWord();
        break;
      default:
        if (isSet) useValue();
        // An undeclared variable expands to empty in Docker; a declared one without default is unknown.
        else if (declared) target.unknown = true;
    }
  };

  /** A modifier's word up to the unquoted `stop`: quotes removed, escapes applied, variables expanded. */
  const readWord = (target: Out, stop: string) => {
    while (i < text.length && text[i] !== stop) {
      const c = text[i]!;
      if (c === '$') dollar(target);
      else if (c === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) {
          char(target, i++);
          continue;
        }
        for (let k = i + 1; k < close; k++) char(target, k);
        i = close + 1;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '$') dollar(target);
          else if (text[i] === escape && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) {
            char(target, i + 1);
            i += 2;
          } else char(target, i++);
        }
        i++;
      } else if (c === escape && i + 1 < text.length) {
        char(target, i + 1);
        i += 2;
      } else char(target, i++);
    }
  };

  const result = out();
  while (i < text.length) {
    if (text[i] === escape && text[i + 1] === '$') {
      char(result, i + 1);
      i += 2;
    } else if (text[i] === '$') dollar(result);
    else char(result, i++);
  }
  return { value: result.unknown ? null : { text: result.text, at: result.at }, names, substituted };
}

/** True when the text references a variable at all. */
export function hasVariables(text: string): boolean {
  return /\$(?:\{[A-Za-z_]|[A-Za-z_])/.test(text);
}
