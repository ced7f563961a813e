
/**
 * Text that remembers where each of its characters is written: which file, at which offset. An
 * image value goes through YAML or JSON unquoting and Compose interpolation (a tag may come from
 * the `.env` file beside the compose file); the bump then edits exactly the characters of the
 * version, wherever they are written. A character with no single place (an escape sequence) has
 * no origin, and a bump refuses to edit it.
 */

export interface Origin {
  file: string;
  offset: number;
}

export interface Traced {
  text: string;
  at: Array<Origin | null>;
}

export const EMPTY: Traced = { text: '', at: [] };

/** `text` written as is from `offset` of `file`. */
export function written(text: string, file: string, offset: number): Traced {
  return { text, at: Array.from({ length: text.length }, (_, i) => ({ file, offset: offset + i })) };
}

/** Characters with no place in any file. */
export function unplaced(text: string): Traced {
  return { text, at: new Array<Origin | null>(text.length).fill(null) };
}

export function concat(parts: readonly Traced[]): Traced {
  return { text: parts.map((p) => p.text).join(''), at: parts.flatMap((p) => p.at) };
}

export function slice(traced: Traced, from: number, to: number = traced.text.length): Traced {
  return { text: traced.text.slice(from, to), at: traced.at.slice(from, to) };
}

/** The place of `traced.text[from, to)` when those characters sit side by side in one file; else null. */
export function placeOf(traced: Traced, from: number, to: number): { file: string; start: number; end: number } | null {
  if (to <= from) return null;
  const first = traced.at[from];
  if (!first) return null;
  for (let k = from + 1; k < to; k++) {
    const origin = traced.at[k];
    if (!origin || origin.file !== first.file || origin.offset !== first.offset + (k - from)) return null;
  }
  return { file: first.file, start: first.offset, end: first.offset + (to - from) };
}
