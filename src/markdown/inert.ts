/**
 * Text from files, paths, branch names, comments and policies reaches GitHub through the app's
 * check runs, annotations and comments. It must stay inert there (SPEC §5): invisible or
 * direction-changing characters shown, not obeyed; no Markdown or HTML that closes a section or
 * forges a marker; no `@` mention that pings a person or a team. Pure.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), the marks that steer direction (U+200E, U+200F, U+061C), and the
 * other invisible format characters a reader cannot see (zero-width spaces and joiners, word
 * joiner, U+2028/U+2029, the BOM).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/** Every hidden or direction-changing character written out as `\uXXXX`; CRLF and CR become LF. */
export function visible(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** At most `max` characters (UTF-16 units), cut at a character boundary and marked with `…`. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/** Breaks `@user`, `@org/team`, `#123` and bare URLs so GitHub links and pings nobody. */
const ZERO_WIDTH_SPACE = '\u200B';

/** Punctuation that opens or closes inline syntax anywhere: emphasis, code, links, tables, math, strikethrough. */
const INLINE_SYNTAX = /[\\`*_[\]|~$]/g;
/** What opens a block only at the start of a line: lists, headings, setext underlines. */
const LINE_START_SYNTAX = /^(\s*)([-+]|=+|#{1,6}|\d+[.)])(?=\s|$)/gm;

/**
 * Plain text as Markdown that renders to exactly that text: punctuation backslash-escaped, `&`, `<`
 * and `>` as entities (so no tag, comment or marker can form), mentions and issue references broken
 * with a zero-width space (GitHub links them after Markdown is rendered), one line unless
 * `multiline`, cut to `max` characters first.
 */
export function inertMarkdown(text: string, options: { max?: number; multiline?: boolean } = {}): string {
  let shown = visible(text);
  if (!options.multiline) shown = shown.replace(/\s*\n\s*/g, ' ');
  if (options.max !== undefined) shown = cut(shown, options.max);
  return shown
    .replace(/@|#(?=\d)/g, (c) => `${c}${ZERO_WIDTH_SPACE}`)
    .replace(/\b(https?|ftp|www)(?=:\/\/|\.)/gi, `$1${ZERO_WIDTH_SPACE}`)
    .replace(INLINE_SYNTAX, (c) => `\\${c}`)
    .replace(LINE_START_SYNTAX, (_all, space: string, mark: string) => `${space}${mark.replace(/[-+=#.)]$/, (c) => `\\${c}`)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '  \n');
}

/**
 * Text GitHub shows as plain text (annotation titles and messages, check-run titles): no Markdown
 * there, so only hidden characters are made visible, and the length is bounded.
 */
export function inertPlain(text: string, max?: number): string {
  return max === undefined ? visible(text) : cut(visible(text), max);
}

/** Cut `text` to at most `limit` characters, saying so, without splitting a surrogate pair. */
export function cutText(text: string, limit: number, note = '\n\n…cut to fit GitHub’s size limit.'): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - note.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + note;
}
