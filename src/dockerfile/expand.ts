/**
 * Docker's variable substitution in instruction arguments: `$X`, `${X}`, `${X:-default}`,
 * `${X-default}`, `${X:+alt}`, `${X+alt}`. Values are ARG defaults only (no build args are known),
 * so an ARG without default is "set but unknown" and makes the result unknown.
 */

/** name -> default value; null = declared without a default (unknown at lint time). */
export type ArgValues = ReadonlyMap<string, string | null>;

export interface Expansion {
  /** Result, or null when a variable had no known value. */
  value: string | null;
  /** Variable names referenced, in order of first use. */
  names: string[];
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:[^}\\]|\\.)*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandVariables(text: string, values: ArgValues, escape = '\\'): Expansion {
  const names: string[] = [];
  let unknown = false;
  const escaped = escape === '\\' ? /\\\$/g : /`\$/g;
  const placeholder = '\u0000';
  const value = text.replace(escaped, placeholder).replace(
    VARIABLE,
    (_match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      if (!names.includes(name)) names.push(name);
      const declared = values.has(name);
      const current = values.get(name) ?? null;
      const isSet = declared && current !== null;
      const isNonEmpty = isSet && current !== '';
      switch (op) {
        case ':-':
          if (isNonEmpty) return current!;
          if (declared && current === null) break;
          return word ?? '';
        case '-':
          if (isSet) return current!;
          if (declared) break;
          return word ?? '';
        case ':+':
          if (declared && current === null) break;
          return isNonEmpty ? (word ?? '') : '';
        case '+':
          if (declared && current === null) break;
          return isSet ? (word ?? '') : '';
        default:
          if (isSet) return current!;
          // An undeclared variable expands to empty in Docker; a declared one without default is unknown.
          if (!declared) return '';
      }
      unknown = true;
      return '';
    },
  );
  return { value: unknown ? null : value.replaceAll(placeholder, '$'), names };
}

/** True when the text references a variable at all. */
export function hasVariables(text: string): boolean {
  VARIABLE.lastIndex = 0;
  return VARIABLE.test(text);
}
