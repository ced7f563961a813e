/**
 * hadolint's inline pragmas (`# hadolint ignore=DL3008`, `global ignore=`, `stage ignore=`,
 * `shell=`), read exactly as hadolint's Pragma.hs grammar reads them, with two extensions:
 * `plimsoll` may stand for `hadolint`, and rule names may be PL codes or BuildKit's check names.
 * Comment text is what follows `#` (leading blanks kept).
 */
export type Pragma =
  | { kind: 'ignore' | 'global' | 'stage'; rules: string[] }
  | { kind: 'shell'; shell: string };

const PRAGMA_WORDS = ['hadolint', 'plimsoll'];
/**
 * hadolint allows only `D L S C 0-9` in a rule name; `P` is added for PL codes, and a name of
 * letters only that starts upper-case is one of BuildKit's (`FromAsCasing`). Any other run of
 * letters and digits fails the pragma, as hadolint fails on the first character it does not allow.
 */
const NAME_RUN = /[A-Za-z0-9]/;
const HADOLINT_NAME = /^[DLSCP0-9]+$/;
const BUILDKIT_NAME = /^[A-Z][A-Za-z]+$/;

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipBlanks(text: string, at: number): number {
  while (isBlank(text[at])) at++;
  return at;
}

/** `spaces1`: at least one blank, or -1. */
function skipBlanks1(text: string, at: number): number {
  const end = skipBlanks(text, at);
  return end > at ? end : -1;
}

/** `spaces ( "#" rest-of-line )?`: a trailing comment swallows the rest of the line. */
function skipInlineComment(text: string, at: number): number {
  const end = skipBlanks(text, at);
  return text[end] === '#' ? text.length : end;
}

/** `"ignore" spaces "=" spaces ruleList`, which must reach the end of the text. */
function parseIgnoreList(text: string, at: number): string[] | null {
  if (!text.startsWith('ignore', at)) return null;
  at = skipBlanks(text, at + 'ignore'.length);
  if (text[at] !== '=') return null;
  at = skipBlanks(text, at + 1);

  const rules: string[] = [];
  for (;;) {
    let end = at;
    while (end < text.length && NAME_RUN.test(text[end]!)) end++;
    const name = text.slice(at, end);
    // A separator that consumed a comma but found no name fails the whole pragma (sepBy1).
    if (!HADOLINT_NAME.test(name) && !BUILDKIT_NAME.test(name)) return null;
    rules.push(name);
    at = skipInlineComment(text, end);
    const comma = skipBlanks(text, at);
    if (text[comma] !== ',') break;
    at = skipBlanks(text, comma + 1);
  }
  return at === text.length ? rules : null;
}

/** Parse one comment's text as a pragma; null when it is not one (then it has no effect). */
export function parsePragma(commentText: string): Pragma | null {
  // A CRLF file may hand us the `\r`; it is a line ending, not part of the pragma.
  const text = commentText.endsWith('\r') ? commentText.slice(0, -1) : commentText;
  let at = skipBlanks(text, 0);
  const word = PRAGMA_WORDS.find((candidate) => text.startsWith(candidate, at));
  if (word === undefined) return null;
  at = skipBlanks1(text, at + word.length);
  if (at < 0) return null;

  for (const kind of ['global', 'stage'] as const) {
    if (text.startsWith(kind, at)) {
      const next = skipBlanks1(text, at + kind.length);
      const rules = next < 0 ? null : parseIgnoreList(text, next);
      return rules === null ? null : { kind, rules };
    }
  }
  if (text.startsWith('shell', at)) return parseShellPragma(text, at + 'shell'.length);
  const rules = parseIgnoreList(text, at);
  return rules === null ? null : { kind: 'ignore', rules };
}

function parseShellPragma(text: string, at: number): Pragma | null {
  at = skipBlanks(text, at);
  if (text[at] !== '=') return null;
  at = skipBlanks(text, at + 1);
  let end = at;
  while (end < text.length && !isBlank(text[end])) end++;
  if (end === at) return null;
  const shell = text.slice(at, end);
  return skipInlineComment(text, end) === text.length ? { kind: 'shell', shell } : null;
}

/** The rules of an inline `ignore=` pragma (what DL1001 flags), or null. */
export function parseIgnorePragma(commentText: string): string[] | null {
  const pragma = parsePragma(commentText);
  return pragma?.kind === 'ignore' ? pragma.rules : null;
}
