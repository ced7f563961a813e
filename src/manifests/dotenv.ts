import { interpolate } from './interpolate.js';
import { concat, unplaced, written, type Traced } from './traced.js';

/**
 * The `.env` file beside a compose file, read as Compose reads it ("Syntax for environment
 * files"): `VAR=VAL` lines (an `export ` prefix and blanks around `=` allowed), `#` comment lines
 * and blank lines ignored; unquoted values end at a ` #` comment and lose trailing blanks;
 * `'single'` quoted values are literal (`\'` for a quote); `"double"` quoted values take `\n`, `\t`,
 * `\r`, `\\`, `\"` and may span lines. Unquoted and double-quoted values are interpolated with the
 * variables defined above them. Every value keeps its place in the file, for edits.
 */

export interface EnvEntry {
  name: string;
  /** The value, traced into the `.env` file; null when it needs a variable that has no value. */
  value: Traced | null;
  /** Line of the `VAR=` (1-based). */
  line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;

/** Every variable the file sets; a later line setting the same name wins, as in Compose. */
export function parseDotenv(text: string, file: string): Map<string, EnvEntry> {
  const entries = new Map<string, EnvEntry>();
  const lookup = (name: string) => {
    const entry = entries.get(name);
    return entry === undefined ? undefined : entry.value;
  };
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  const endOfLine = (from: number) => {
    const end = text.indexOf('\n', from);
    return end === -1 ? text.length : end;
  };
  const nextLine = (end: number) => {
    i = end + 1;
    line += 1;
  };

  while (i < text.length) {
    const lineEnd = endOfLine(i);
    let at = skipBlanks(text, i);
    if (text[at] === '#' || at >= lineEnd || text[at] === '\r') {
      nextLine(lineEnd);
      continue;
    }
    if (text.startsWith('export', at) && /[ \t]/.test(text[at + 6] ?? '')) at = skipBlanks(text, at + 6);
    const name = KEY.exec(text.slice(at, lineEnd))?.[0];
    at = skipBlanks(text, at + (name?.length ?? 0));
    if (!name || text[at] !== '=') {
      // `VAR` alone takes the shell's value, unknown here; anything else is not an entry.
      nextLine(lineEnd);
      continue;
    }
    const entryLine = line;
    at = skipBlanks(text, at + 1);
    const quote = text[at];

    if (quote === "'" || quote === '"') {
      const read = quote === "'" ? singleQuoted(text, at + 1, file) : doubleQuoted(text, at + 1, file);
      if (read === null) {
        // No closing quote: the rest of the line, as written.
        entries.set(name, { name, value: written(text.slice(at, trimEnd(text, at, lineEnd)), file, at), line: entryLine });
        nextLine(lineEnd);
        continue;
      }
      const value = quote === '"' ? interpolate(read.value, lookup).value : read.value;
      entries.set(name, { name, value, line: entryLine });
      for (let k = at; k < read.end; k++) if (text[k] === '\n') line += 1;
      nextLine(endOfLine(read.end));
      continue;
    }

    let end = lineEnd;
    for (let k = at; k < lineEnd; k++) {
      if (text[k] === '#' && (k === at || text[k - 1] === ' ' || text[k - 1] === '\t')) {
        end = k;
        break;
      }
    }
    end = trimEnd(text, at, end);
    entries.set(name, { name, value: interpolate(written(text.slice(at, end), file, at), lookup).value, line: entryLine });
    nextLine(lineEnd);
  }
  return entries;
}

function skipBlanks(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[ \t\r]/.test(text[end - 1]!)) end--;
  return end;
}

/** `'…'` from just after the opening quote: the value, and the offset after the closing quote. */
function singleQuoted(text: string, from: number, file: string): { value: Traced; end: number } | null {
  const parts: Traced[] = [];
  for (let k = from; k < text.length; k++) {
    if (text[k] === '\\' && text[k + 1] === "'") {
      parts.push(written("'", file, k + 1));
      k++;
    } else if (text[k] === "'") {
      return { value: concat(parts), end: k + 1 };
    } else {
      parts.push(written(text[k]!, file, k));
    }
  }
  return null;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };

/** `"…"` from just after the opening quote; an escape sequence has no single place (not editable). */
function doubleQuoted(text: string, from: number, file: string): { value: Traced; end: number } | null {
  const parts: Traced[] = [];
  for (let k = from; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\\' && k + 1 < text.length) {
      const escaped = ESCAPES[text[k + 1]!];
      parts.push(escaped === undefined ? written(text.slice(k, k + 2), file, k) : unplaced(escaped));
      k++;
    } else if (c === '"') {
      return { value: concat(parts), end: k + 1 };
    } else {
      parts.push(written(c, file, k));
    }
  }
  return null;
}
