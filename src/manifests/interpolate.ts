import { concat, slice, type Traced } from './traced.js';

/**
 * Compose's interpolation (the Compose Specification, "Interpolation"), traced: `$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}`, nested (`${A:-${B:-x}}`), and `$$` for a literal `$`. A `$` that starts no variable
 * is kept. Variables come only from `lookup` (the `.env` file beside the compose file): the shell
 * that runs Compose is unknown here, so a variable with no value and no default stays unresolved,
 * never guessed.
 */

/** The value of a variable; undefined when it is not set; null when it is set to something unknown
 *  (a `.env` value that itself needs a variable with no value). */
export type Lookup = (name: string) => Traced | null | undefined;

export interface VariableUse {
  name: string;
  /**
   * Where the text standing for it came from: the `.env` file, the default (or `:+` alternative)
   * written in the value, or nowhere (no value; or an unset `${VAR:+alt}`, which stands for nothing).
   */
  from: 'env-file' | 'default' | 'unset';
  /** That text, traced to where it is written; null when unset. */
  value: Traced | null;
}

export interface Interpolation {
  /** The result; null when a variable it needs has no value. */
  value: Traced | null;
  variables: VariableUse[];
  /** Why there is no value: the first variable missing, or a malformed `${…}`. */
  problem: { kind: 'unset' | 'unknown' | 'required' | 'invalid'; name: string; text: string } | null;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
/** Nested defaults deeper than this are refused rather than followed. */
const MAX_DEPTH = 16;

export function interpolate(input: Traced, lookup: Lookup, depth = 0): Interpolation {
  const variables: VariableUse[] = [];
  const parts: Traced[] = [];
  const fail = (problem: NonNullable<Interpolation['problem']>): Interpolation => ({ value: null, variables, problem });
  if (depth > MAX_DEPTH) return fail({ kind: 'invalid', name: '', text: input.text });

  const { text } = input;
  let i = 0;
  let literalStart = 0;
  const flush = (end: number) => {
    if (end > literalStart) parts.push(slice(input, literalStart, end));
  };
  while (i < text.length) {
    if (text[i] !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      flush(i);
      parts.push(slice(input, i + 1, i + 2));
      i += 2;
      literalStart = i;
      continue;
    }
    if (text[i + 1] !== '{') {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) {
        i++;
        continue;
      }
      flush(i);
      const value = lookup(name);
      variables.push({ name, from: value === undefined ? 'unset' : 'env-file', value: value ?? null });
      if (value === undefined) return fail({ kind: 'unset', name, text: `$${name}` });
      if (value === null) return fail({ kind: 'unknown', name, text: `$${name}` });
      parts.push(value);
      i += 1 + name.length;
      literalStart = i;
      continue;
    }

    const close = matchingBrace(text, i + 2);
    if (close < 0) return fail({ kind: 'invalid', name: '', text: text.slice(i) });
    const body = text.slice(i + 2, close);
    const name = NAME.exec(body)?.[0];
    const rest = name === undefined ? body : body.slice(name.length);
    const operator = OPERATORS.find((op) => rest.startsWith(op));
    if (!name || (rest !== '' && operator === undefined)) return fail({ kind: 'invalid', name: name ?? '', text: text.slice(i, close + 1) });
    flush(i);
    const wordStart = i + 2 + name.length + (operator?.length ?? 0);
    const word = slice(input, wordStart, close);
    const value = lookup(name);
    const whole = text.slice(i, close + 1);
    if (value === null) {
      variables.push({ name, from: 'env-file', value: null });
      return fail({ kind: 'unknown', name, text: whole });
    }
    const isSet = value !== undefined;
    const nonEmpty = isSet && value.text !== '';

    const useValue = () => {
      variables.push({ name, from: 'env-file', value: value! });
      parts.push(value!);
    };
    const useWord = (from: VariableUse['from']): Interpolation | null => {
      const inner = interpolate(word, lookup, depth + 1);
      variables.push({ name, from, value: inner.value }, ...inner.variables);
      if (inner.value === null) return { value: null, variables, problem: inner.problem };
      parts.push(inner.value);
      return null;
    };

    switch (operator) {
      case undefined:
        if (!isSet) {
          variables.push({ name, from: 'unset', value: null });
          return fail({ kind: 'unset', name, text: whole });
        }
        useValue();
        break;
      case ':-':
      case '-': {
        if (operator === ':-' ? nonEmpty : isSet) useValue();
        else {
          const failed = useWord('default');
          if (failed) return failed;
        }
        break;
      }
      case ':?':
      case '?':
        if (operator === ':?' ? nonEmpty : isSet) useValue();
        else {
          variables.push({ name, from: 'unset', value: null });
          return fail({ kind: 'required', name, text: whole });
        }
        break;
      case ':+':
      case '+': {
        if (operator === ':+' ? nonEmpty : isSet) {
          const failed = useWord('default');
          if (failed) return failed;
        } else {
          variables.push({ name, from: 'unset', value: null });
        }
        break;
      }
    }
    i = close + 1;
    literalStart = i;
  }
  flush(text.length);
  return { value: concat(parts), variables, problem: null };
}

/** Index of the `}` closing a `${` whose body starts at `from`, counting nested `${…}`; -1 if none. */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let k = from; k < text.length; k++) {
    if (text[k] === '$' && text[k + 1] === '$') k++;
    else if (text[k] === '$' && text[k + 1] === '{') {
      depth++;
      k++;
    } else if (text[k] === '}' && --depth === 0) return k;
  }
  return -1;
}
