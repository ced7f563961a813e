/**
 * Text that did not come from Plimsoll (a policy's names and reasons, paths, comments) made inert
 * before it reaches GitHub: it is shown, never obeyed. Invisible and reordering characters become
 * visible escapes, so a reason cannot hide or reverse what a reader sees; in Markdown, nothing it
 * holds is markup (no HTML, no link, no heading, no table cell break, no hidden marker) and no `@`
 * mention or `#123` reference notifies anyone.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings and overrides
 * (U+202A–U+202E) and isolates (U+2066–U+2069), and the other invisible format characters a
 * reader cannot see (zero-width spaces and joiners, U+2028/U+2029, the BOM).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `\u202E` for U+202E: the character named, not acted on. */
function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * For plain-text places (check run titles and annotations, which GitHub does not render as
 * Markdown): invisible and reordering characters escaped, nothing else changed.
 */
export function inertPlain(text: string): string {
  return text.replace(INVISIBLE, visible);
}

/** Markdown's ASCII punctuation that can start or end markup; a backslash makes each literal. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~:]/g;

/**
 * One line of Markdown showing `text` literally: invisible characters escaped, newlines folded to
 * spaces (a reason cannot end a table row or start a heading), HTML as entities (so
 * `<!-- plimsoll:summary -->` or `</details>` appear as written and are not in the raw body), every
 * punctuation mark that could form markup escaped, `@` and `#` followed by a zero-width space
 * (no mention, no cross-reference).
 */
export function inertMarkdown(text: string): string {
  return inertPlain(text.replace(/\r\n?|\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replace(/@/g, '@&#8203;')
    .replace(/\\#(?=\w)/g, '\\#&#8203;');
}

/** Cut `text` to at most `limit` characters, saying so, without splitting a surrogate pair. */
export function cutText(text: string, limit: number, note = '\n\n…cut to fit GitHub’s size limit.'): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - note.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + note;
}
