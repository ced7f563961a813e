/*
 * Instruction words as BuildKit's shell lexer expands them (frontend/dockerfile/shell/lex.go):
 * `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}`, `${X?w}`, `${X#p}`, `${X%p}`,
 * `${X/p/r}`, quotes and the escape character, with the names the word found defined (`matched`)
 * and not (`unmatched`): what UndefinedVar, UndefinedArgInFrom and the platform checks read.
 */

/** Variables in scope, in the order BuildKit lists them (it suggests the first closest name). */
export type Env = ReadonlyMap<string, string>;

export interface WordResult {
  /** The expanded word. */
  result: string;
  /** The expanded word split at blanks outside quotes (BuildKit's `ProcessWords`). */
  words: string[];
  matched: Set<string>;
  unmatched: Set<string>;
  /** BuildKit's error for a word it cannot expand (`${X`, `${:}`), or null. */
  error: string | null;
}

export interface LexOptions {
  /** The file's escape character. */
  escape?: string;
  /** Quotes are data (heredoc bodies): only `$` and the escape character mean something. */
  skipQuotes?: boolean;
}

class LexError extends Error {}

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const isSpace = (ch: string) => /\s/.test(ch);
const isNameChar = (ch: string) => /[\p{L}\p{Nd}_]/u.test(ch);

/** Split into words as BuildKit's `wordsStruct` does while it expands. */
class Words {
  private buf = '';
  private inWord = false;
  readonly words: string[] = [];
  addChar(ch: string): void {
    if (isSpace(ch)) {
      if (this.inWord && this.buf !== '') this.flush();
    } else this.addRaw(ch);
  }
  addRaw(text: string): void {
    this.buf += text;
    this.inWord = true;
  }
  addString(text: string): void {
    for (const ch of text) this.addChar(ch);
  }
  finish(): string[] {
    if (this.buf !== '') this.flush();
    return this.words;
  }
  private flush(): void {
    this.words.push(this.buf);
    this.buf = '';
    this.inWord = false;
  }
}

/** Nesting of `${…${…}}` past which a word is refused (BuildKit would recurse on; we keep the stack). */
const MAX_DEPTH = 64;
/** Longest value a `#`, `%` or `/` pattern is matched against (the matching is quadratic). */
const MAX_PATTERN_VALUE = 4096;

class Lexer {
  private at = 0;
  private depth = 0;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly chars: string[];

  constructor(text: string, private readonly env: Env, private readonly escape: string, private readonly skipQuotes: boolean) {
    this.chars = [...text];
  }

  private peek(): string | undefined {
    return this.chars[this.at];
  }
  private next(): string | undefined {
    return this.chars[this.at++];
  }

  /** `processStopOn`: read up to `stop` (undefined: the end), returning the text and its words. */
  read(stop: string | undefined, rawEscapes = false): { text: string; words: string[] } {
    let result = '';
    const words = new Words();
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (stop !== undefined && ch === stop) {
        this.next();
        return { text: result, words: words.finish() };
      }
      if (ch === '$') {
        const value = this.dollar();
        result += value;
        words.addString(value);
      } else if (ch === '<') {
        const value = this.possibleHeredoc();
        result += value;
        words.addRaw(value);
      } else if (!this.skipQuotes && (ch === "'" || ch === '"')) {
        const value = ch === "'" ? this.singleQuote() : this.doubleQuote();
        result += value;
        words.addRaw(value);
      } else {
        let c = this.next()!;
        if (c === this.escape) {
          if (rawEscapes) {
            words.addRaw(c);
            result += c;
          }
          const escaped = this.next();
          if (escaped === undefined) break;
          c = escaped;
          words.addRaw(c);
        } else words.addChar(c);
        result += c;
      }
    }
    if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return { text: result, words: words.finish() };
  }

  private singleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private doubleQuote(): string {
    this.next();
    let result = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return result;
      }
      if (ch === '$') {
        result += this.dollar();
        continue;
      }
      let c = this.next()!;
      if (c === this.escape) {
        const following = this.peek();
        if (following === undefined) continue;
        if (following === '"' || following === '$' || following === this.escape) c = this.next()!;
      }
      result += c;
    }
  }

  private possibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    for (let ch = this.peek(); ch !== undefined && isSpace(ch); ch = this.peek()) space += this.next();
    return `<<${space}`;
  }

  private name(): string {
    let name = '';
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (name === '' && /\p{Nd}/u.test(ch)) {
        while (this.peek() !== undefined && /\p{Nd}/u.test(this.peek()!)) name += this.next();
        return name;
      }
      if (name === '' && SPECIAL.has(ch)) return this.next()!;
      if (!isNameChar(ch)) break;
      name += this.next();
    }
    return name;
  }

  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    (value === undefined ? this.unmatched : this.matched).add(name);
    return value;
  }

  private dollar(): string {
    if (++this.depth > MAX_DEPTH) throw new LexError('substitutions nested too deeply');
    try {
      return this.substitution();
    } finally {
      this.depth--;
    }
  }

  private substitution(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      return name === '' ? '$' : (this.lookup(name) ?? '');
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.name();
    let op = this.next();
    if (op === '}') return this.lookup(name) ?? '';
    let nullIsUnset = false;
    // Go prints the end of input as U+FFFD.
    let ops = op ?? '\uFFFD';
    if (op === ':') {
      nullIsUnset = true;
      op = this.next();
      ops += op ?? '\uFFFD';
    }
    if (op === '+' || op === '-' || op === '?' || op === '#' || op === '%') {
      const rawEscapes = op === '#' || op === '%';
      if (nullIsUnset && rawEscapes) throw new LexError(`unsupported modifier (${ops}) in substitution`);
      const word = this.readClosing('}', rawEscapes, "syntax error: missing '}'");
      const value = this.lookup(name);
      const unset = value === undefined || (nullIsUnset && value === '');
      switch (op) {
        case '-':
          return unset ? word : value!;
        case '+':
          return unset ? '' : word;
        case '?':
          if (value === undefined) throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
          if (nullIsUnset && value === '') throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
          return value;
        default: {
          if ((value ?? '').length > MAX_PATTERN_VALUE) return value ?? '';
          const greedy = word.startsWith(op);
          const pattern = greedy ? word.slice(1) : word;
          return op === '%' ? trimSuffix(value ?? '', pattern, greedy) : trimPrefix(value ?? '', pattern, greedy);
        }
      }
    }
    if (op === '/' && !nullIsUnset) {
      const all = this.peek() === '/';
      if (all) this.next();
      const pattern = this.readClosing('/', true, "syntax error: missing '/' in ${}");
      const replacement = this.readClosing('}', true, "syntax error: missing '}'");
      const value = this.lookup(name) ?? '';
      if (value.length > MAX_PATTERN_VALUE) return value;
      const regex = new RegExp(globToRegex(pattern, true), all ? 'gu' : 'u');
      return value.replace(regex, () => replacement);
    }
    throw new LexError(`unsupported modifier (${ops}) in substitution`);
  }

  private readClosing(stop: string, rawEscapes: boolean, atEnd: string): string {
    try {
      return this.read(stop, rawEscapes).text;
    } catch (error) {
      if (this.peek() === undefined) throw new LexError(atEnd);
      throw error;
    }
  }
}

/** A shell pattern (`*`, `?`, `[…]`, `\x`) as a regex source. */
function globToRegex(pattern: string, greedy: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') out += greedy ? '.*' : '.*?';
    else if (ch === '?') out += '.';
    else if (ch === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!);
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += escapeRegex(ch);
  }
  return out;
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function trimPrefix(value: string, pattern: string, greedy: boolean): string {
  const match = new RegExp(`^(?:${globToRegex(pattern, greedy)})`, 'u').exec(value);
  return match === null ? value : value.slice(match[0].length);
}

function trimSuffix(value: string, pattern: string, greedy: boolean): string {
  // The shortest suffix is the match that starts last; the longest starts first.
  const regex = new RegExp(`^(?:${globToRegex(pattern, true)})$`, 'u');
  const starts = [...Array(value.length + 1).keys()];
  const start = (greedy ? starts : starts.reverse()).find((i) => regex.test(value.slice(i)));
  return start === undefined ? value : value.slice(0, start);
}

const PLAIN = /^[^$'"\\`<]*$/;

/** BuildKit's `ProcessWordWithMatches` (and `ProcessWords`' words) for one word. Never throws. */
export function processWord(text: string, env: Env, options: LexOptions = {}): WordResult {
  // Most words hold nothing the lexer would change.
  if (PLAIN.test(text)) return { result: text, words: text.split(/\s+/).filter((w) => w !== ''), matched: new Set(), unmatched: new Set(), error: null };
  const lexer = new Lexer(text, env, options.escape ?? '\\', options.skipQuotes === true);
  try {
    const { text: result, words } = lexer.read(undefined);
    return { result, words, matched: lexer.matched, unmatched: lexer.unmatched, error: null };
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    return { result: '', words: [], matched: lexer.matched, unmatched: lexer.unmatched, error: error.message };
  }
}
