import type { Assignment, ParsedShell, Redirect, ShellCommand } from './types.js';

/*
 * A reader for the shapes nearly all RUN scripts have, many times faster than a tree-sitter parse
 * and walk: simple commands with assignments, quoted words, `$name`/`${…}` expansions, `$(…)`
 * substitutions and file redirections, joined by `&&`, `||`, `;`, `|` and newlines, inside
 * `if`/`for`/`while`/`until`, `( … )`, `{ …; }`, `[ … ]`, `[[ … ]]` and `!`, with comments. It gives
 * exactly what the tree-sitter reading (shell.ts) gives, down to tree-sitter-bash's quirks (a word
 * after a redirection belongs to the redirection); shapes where tree-sitter-bash reads a script in
 * its own way, and anything else (`case`, functions, heredocs, backticks, arithmetic, line
 * continuations, syntax errors), return null and tree-sitter reads the script.
 * test/dockerfile/shell-simple.test.ts holds the two readings side by side.
 */

interface Word {
  /** As the shell passes it: quotes removed, expansions as written. */
  value: string;
  /** As written. */
  raw: string;
  /** Scripts of the `$(…)` substitutions inside the word, in order. */
  substitutions: Script[];
}

interface Command {
  kind: 'command';
  assigns: Array<{ name: string; value: Word | null }>;
  words: Word[];
  redirects: Redirection[];
}

/** `if`, loops, subshells, groups, tests, `!`: what they hold, in source order. */
interface Compound {
  kind: 'compound';
  parts: Array<Script | Word>;
  redirects: Redirection[];
  /** `! command`. */
  negation: boolean;
}

interface Redirection {
  operator: string;
  destinations: Word[];
}

type Statement = Command | Compound;
/** Pipelines in order; a pipeline is its statements. */
type Script = Statement[][];

/** Names tree-sitter-bash reads as a declaration (their assignment-shaped words are kept as written). */
const DECLARATIONS = new Set(['declare', 'typeset', 'export', 'readonly', 'local']);
/** Words that begin or end a construct when they stand where a command would. */
const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select',
  'time', 'coproc', 'unset', 'unsetenv', '{', '}', '[[', ']]', '[', ']', '!',
]);
/** Characters that end a word. */
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', ')']);
/** Characters a word of this reader may not hold unquoted. */
const NOT_IN_WORD = new Set(['(', '`', '{', '}', '[', ']', '\r']);
/** What may stand inside `${…}`: a name, a number or a special parameter, and one operator with a plain word. */
const PARAMETER =
  /^[#!]?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:(?::?[-=+?]|##?|%%?|\/\/?|\/#|\/%|:|\^\^?|,,?)(?:[^\s|&;<>(){}"'`\\$]|"[^"`$\\]*(?:\$[A-Za-z_][A-Za-z0-9_]*[^"`$\\]*)*"|'[^']*'|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})*)?$/;
/** How deep constructs and `$( … )` may nest before the script goes to tree-sitter. */
const MAX_DEPTH = 24;

/** Thrown (one shared object, no stack to capture) where the script leaves this reader's shapes. */
const UNSUPPORTED = Object.freeze({ unsupported: true });

const fail = (): never => {
  throw UNSUPPORTED;
};

/** The script read the fast way, or null when tree-sitter must read it. */
export function readSimpleScript(text: string): ParsedShell | null {
  let script: Script;
  try {
    const reader = new Reader(text, 0);
    script = reader.list([]);
    if (!reader.atEnd()) fail();
  } catch (error) {
    if (error === UNSUPPORTED) return null;
    throw error;
  }
  const collector = new Collector();
  collector.script(script);
  const { commands, pipelines, redirects, assignments } = collector;
  return { text, commands, pipelines, redirects, assignments, error: null, unread: false };
}

class Reader {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly depth: number,
    /** Reading the commands of a `case` item, which end at `;;`. */
    private readonly caseItem = false,
  ) {
    if (depth > MAX_DEPTH) fail();
  }

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  /**
   * Pipelines joined by `;`, newlines, `&&` and `||`, up to the end, a `)` or one of the reserved
   * words in `stops` standing where a command would (left unread).
   */
  list(stops: readonly string[]): Script {
    const pipelines: Script = [];
    let afterAndOr = false;
    this.skip(true);
    while (!this.atEnd() && this.text[this.i] !== ')' && !stops.includes(this.reserved() ?? '') && !this.atCaseItemEnd()) {
      const pipeline = this.pipeline();
      // tree-sitter-bash reads `a && b 2>x | c` as `(a && b 2>x) | c`: leave that shape to it
      if (afterAndOr && pipeline.slice(0, -1).some((statement) => statement.redirects.length > 0)) fail();
      pipelines.push(pipeline);
      afterAndOr = false;
      this.skip(false);
      const c = this.text[this.i];
      if (this.atCaseItemEnd()) break;
      if (c === ';' || c === '\n') {
        this.i++;
        if (this.text[this.i] === ';') fail(); // `;;` outside a case item
        this.skip(true);
      } else if (this.text.startsWith('&&', this.i) || this.text.startsWith('||', this.i)) {
        this.i += 2;
        afterAndOr = true;
        this.skip(true);
        if (this.atEnd() || /[;&|)]/.test(this.text[this.i]!) || stops.includes(this.reserved() ?? '')) fail();
      } else if (!(c === undefined || c === ')' || stops.includes(this.reserved() ?? ''))) {
        fail(); // `&` and what else may stand between commands
      }
    }
    return pipelines;
  }

  private atCaseItemEnd(): boolean {
    return this.caseItem && this.text.startsWith(';;', this.i);
  }

  /** Blanks and comments; with `newlines`, newlines too (after an operator or a separator). */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.i++;
      else if (c === '#') {
        const end = this.text.indexOf('\n', this.i);
        this.i = end === -1 ? this.text.length : end;
      } else return;
    }
  }

  /** The reserved word at the reading position, if one stands there. */
  private reserved(): string | null {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    // a-z, `{`, `}`, `[`, `]`, `!`
    if (!((c >= 97 && c <= 122) || c === 123 || c === 125 || c === 91 || c === 93 || c === 33)) return null;
    let end = this.i + 1;
    while (end < text.length && end - this.i < 9 && !WORD_END.has(text[end]!) && text[end] !== '(') end++;
    const word = text.slice(this.i, end);
    return RESERVED.has(word) ? word : null;
  }

  /** Reads a reserved word that must stand here. */
  private expect(word: string): void {
    this.skip(true);
    if (this.reserved() !== word) fail();
    this.i += word.length;
  }

  private pipeline(): Statement[] {
    const statements = [this.statement()];
    for (;;) {
      this.skip(false);
      if (this.text[this.i] !== '|' || this.text[this.i + 1] === '|') return statements;
      if (this.text[this.i + 1] === '&') fail(); // `|&`
      this.i++;
      this.skip(true);
      statements.push(this.statement());
    }
  }

  private statement(): Statement {
    // `name() { …; }`: the body's commands are the function's
    const definition = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*\([ \t]*\)[ \t]*(?=\{[\s])/.exec(this.text.slice(this.i, this.i + 80));
    if (definition) {
      this.i += definition[0].length + 1;
      const parts = [this.nested(['}'])];
      this.expect('}');
      return { kind: 'compound', parts, redirects: this.redirections(), negation: false };
    }
    if (this.text[this.i] === '(') {
      if (this.text[this.i + 1] === '(') fail(); // arithmetic
      this.i++;
      const parts = [this.nested([])];
      this.skip(true);
      if (this.text[this.i] !== ')') fail();
      this.i++;
      return { kind: 'compound', parts, redirects: this.redirections(), negation: false };
    }
    const reserved = this.reserved();
    if (reserved === null) return this.command();
    const parts: Array<Script | Word> = [];
    this.i += reserved.length;
    switch (reserved) {
      case 'if':
        parts.push(this.nested(['then']));
        this.expect('then');
        parts.push(this.nested(['elif', 'else', 'fi']));
        for (;;) {
          const next = this.reserved();
          this.i += next?.length ?? 0;
          if (next === 'fi') break;
          if (next === 'elif') {
            parts.push(this.nested(['then']));
            this.expect('then');
            parts.push(this.nested(['elif', 'else', 'fi']));
          } else if (next === 'else') {
            parts.push(this.nested(['fi']));
          } else fail();
        }
        break;
      case 'while':
      case 'until':
        parts.push(this.nested(['do']));
        this.loopBody(parts);
        break;
      case 'for': {
        this.skip(false);
        const variable = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.i, this.i + 64));
        if (!variable) fail();
        this.i += variable![0].length;
        this.skip(false);
        if (this.reserved() === 'in') {
          this.i += 2;
          for (;;) {
            this.skip(false);
            const c = this.text[this.i];
            if (c === ';' || c === '\n') break;
            if (c === undefined || this.startsRedirect(c) || c === '&' || c === '|') fail();
            parts.push(this.word());
          }
        }
        this.skip(false);
        if (this.text[this.i] === ';') this.i++;
        this.loopBody(parts);
        break;
      }
      case 'case':
        this.caseStatement(parts);
        break;
      case '{':
        parts.push(this.nested(['}']));
        this.expect('}');
        break;
      case '[':
      case '[[':
        this.test(reserved === '[' ? ']' : ']]', parts);
        break;
      case '!': {
        const statement = this.statement();
        if (statement.kind === 'command' && statement.words.length === 0) fail();
        parts.push([[statement]]);
        break;
      }
      default:
        fail();
    }
    return { kind: 'compound', parts, redirects: this.redirections(), negation: reserved === '!' };
  }

  private nested(stops: readonly string[], caseItem = false): Script {
    const reader = new Reader(this.text, this.depth + 1, caseItem);
    reader.i = this.i;
    const script = reader.list(stops);
    this.i = reader.i;
    if (script.length === 0 && !caseItem) fail();
    return script;
  }

  /** `case WORD in PATTERN|PATTERN) LIST ;; … esac`: the word, then each item's patterns and commands. */
  private caseStatement(parts: Array<Script | Word>): void {
    this.skip(false);
    parts.push(this.word());
    this.expect('in');
    for (;;) {
      this.skip(true);
      if (this.reserved() === 'esac') break;
      if (this.text[this.i] === '(') this.i++;
      for (;;) {
        this.skip(false);
        parts.push(this.word());
        this.skip(false);
        const c = this.text[this.i++];
        if (c === ')') break;
        if (c !== '|') fail();
      }
      parts.push(this.nested(['esac'], true));
      this.skip(true);
      if (!this.text.startsWith(';;', this.i)) break;
      if (this.text[this.i + 2] === '&') fail(); // `;;&`
      this.i += 2;
    }
    this.expect('esac');
  }

  private loopBody(parts: Array<Script | Word>): void {
    this.expect('do');
    parts.push(this.nested(['done']));
    this.expect('done');
  }

  /**
   * `[ … ]` or `[[ … ]]` of one, two or three words (`-f x`, `"$a" = b`, `! -d x`) up to the
   * closing bracket; only their substitutions run.
   */
  private test(close: string, parts: Array<Script | Word>): void {
    this.skip(false);
    if (this.text[this.i] === '!' && /\s/.test(this.text[this.i + 1] ?? '')) this.i++;
    const words: Word[] = [];
    for (;;) {
      this.skip(false);
      const c = this.text[this.i];
      if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') fail();
      if (this.text.startsWith(close, this.i) && /^[\s;&|)]|^$/.test(this.text[this.i + close.length] ?? '')) break;
      if (c === '!' && this.text[this.i + 1] === '=') {
        this.i += 2;
        words.push({ value: '!=', raw: '!=', substitutions: [] });
      } else words.push(this.word());
    }
    this.i += close.length;
    const operator = words.length === 3 ? words[1]!.raw : words.length === 2 ? words[0]!.raw : '';
    if (words.length === 0 || words.length > 3 || (words.length > 1 && !/^(?:-[a-zA-Z]{1,2}|==?|!=|=~)$/.test(operator))) fail();
    parts.push(...words);
  }

  /** Redirections after a construct (`done < file`, `} > log`). */
  private redirections(): Redirection[] {
    const redirects: Redirection[] = [];
    for (;;) {
      this.skip(false);
      const c = this.text[this.i];
      if (c === undefined || !this.startsRedirect(c)) return redirects;
      const operator = this.redirectOperator();
      this.skip(false);
      redirects.push({ operator, destinations: [this.word()] });
    }
  }

  private command(): Command {
    const command: Command = { kind: 'command', assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skip(false);
      const c = this.text[this.i];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')' || (c === '&' && this.text[this.i + 1] !== '>')) break;
      if (this.startsRedirect(c)) {
        if (command.words.length === 0) fail(); // a redirection before the command name
        // tree-sitter-bash loses a `-` argument right before `2>…`
        if (c >= '0' && c <= '9' && command.words[command.words.length - 1]?.raw === '-') fail();
        const operator = this.redirectOperator();
        this.skip(false);
        command.redirects.push({ operator, destinations: [this.word()] });
        continue;
      }
      if (command.words.length === 0) {
        const assignment = this.assignment();
        if (assignment) {
          command.assigns.push(assignment);
          continue;
        }
        if (this.reserved() !== null) fail();
      }
      const word = this.word();
      if (command.redirects.length > 0) {
        // tree-sitter-bash reads a word after a redirection as another destination of it
        command.redirects[command.redirects.length - 1]!.destinations.push(word);
      } else {
        if (command.words.length === 0 && command.assigns.length > 0 && DECLARATIONS.has(word.raw)) fail();
        if (command.words.length === 0 && word.raw.includes('#')) fail(); // tree-sitter-bash rejects it
        command.words.push(word);
      }
    }
    if (command.words.length === 0 && (command.assigns.length === 0 || command.redirects.length > 0)) fail();
    return command;
  }

  private startsRedirect(c: string): boolean {
    if (c === '<' || c === '>') return true;
    if (c === '&') return this.text[this.i + 1] === '>';
    return c >= '0' && c <= '9' && /^[0-9]+[<>]/.test(this.text.slice(this.i, this.i + 6));
  }

  /** `>`, `>>`, `>|`, `<`, `&>`, `&>>`, `>&`, `<&`, after an optional file descriptor. */
  private redirectOperator(): string {
    const match = /^(?:[0-9]+(?=[<>]))?(&>>|&>|>>|>&|<&|>\||>|<)/.exec(this.text.slice(this.i, this.i + 8));
    if (!match) return fail();
    const after = this.text[this.i + match[0].length];
    if (after === '<' || after === '>' || after === '(' || (after === '&' && match[1] !== '>&' && match[1] !== '<&')) fail();
    this.i += match[0].length;
    return match[1]!;
  }

  /** `NAME=value` before the command name, or null (nothing read). */
  private assignment(): { name: string; value: Word | null } | null {
    if (!/[A-Za-z_]/.test(this.text[this.i]!)) return null;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)/.exec(this.text.slice(this.i, this.i + 256));
    if (!match) return null;
    if (match[2] === '+=') fail();
    this.i += match[0].length;
    const c = this.text[this.i];
    if (c === '(') fail(); // an array
    const empty = c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')';
    return { name: match[1]!, value: empty ? null : this.word() };
  }

  private word(): Word {
    const start = this.i;
    let value = '';
    const substitutions: Script[] = [];
    const text = this.text;
    // tree-sitter-bash splits some words in two; those words go to it so both readings agree:
    // `a-$v-b$w.c` (after a quote or expansion, `$name` and more of the word) and `${X}\*` (an
    // escape after one).
    let parts = 0;
    for (;;) {
      const c = text[this.i];
      if (c === undefined || WORD_END.has(c)) break;
      if (NOT_IN_WORD.has(c)) fail();
      if (c === '#' && this.i === start) fail(); // a comment
      if (c === "'") {
        const end = text.indexOf("'", this.i + 1);
        if (end === -1) fail();
        value += text.slice(this.i + 1, end);
        this.i = end + 1;
        parts++;
      } else if (c === '"') {
        value += this.doubleQuoted(substitutions);
        parts++;
      } else if (c === '$') {
        const expansion = this.expansion(substitutions);
        if (parts > 0 && expansion[1] !== '{' && expansion[1] !== '(' && !/^$|[\s;&|<>)]/.test(text[this.i] ?? '')) fail();
        value += expansion;
        parts++;
      } else if (c === '\\') {
        const next = text[this.i + 1];
        if (next === undefined || next === '\n' || next === '\r' || next === ' ' || next === '\t' || parts > 0) fail();
        value += next;
        this.i += 2;
      } else {
        // a run of plain characters, taken at once
        let end = this.i + 1;
        while (end < text.length) {
          const d = text[end]!;
          if (WORD_END.has(d) || NOT_IN_WORD.has(d) || d === "'" || d === '"' || d === '$' || d === '\\') break;
          end++;
        }
        value += text.slice(this.i, end);
        this.i = end;
      }
    }
    if (this.i === start) fail();
    // tree-sitter-bash takes digits right before `<`/`>` (`-a2>x`) for a file descriptor
    if (/[0-9]/.test(text[this.i - 1]!) && (text[this.i] === '<' || text[this.i] === '>') && !/^[0-9]+$/.test(value)) fail();
    return { value, raw: text.slice(start, this.i), substitutions };
  }

  /** `"…"`: its content with `\"`, `\\`, `\$` and `` \` `` unescaped, expansions as written. */
  private doubleQuoted(substitutions: Script[]): string {
    const start = this.i;
    this.i++;
    const text = this.text;
    for (;;) {
      const c = text[this.i];
      if (c === undefined || c === '`') fail();
      if (c === '"') break;
      if (c === '\\') this.i += 2;
      else if (c === '$') this.expansion(substitutions, true);
      else this.i++;
    }
    this.i++;
    return text.slice(start + 1, this.i - 1).replace(/\\(["\\$`])/g, '$1');
  }

  /** `$name`, `$1`, `$?`, `${…}` or `$(…)`, as written; the script of `$(…)` goes to `substitutions`. */
  private expansion(substitutions: Script[], quoted = false): string {
    const text = this.text;
    const start = this.i;
    const next = text[this.i + 1];
    if (next === '(') {
      if (text[this.i + 2] === '(') fail(); // arithmetic
      const end = closingParen(text, this.i + 2);
      const reader = new Reader(text.slice(this.i + 2, end), this.depth + 1);
      substitutions.push(reader.list([]));
      if (!reader.atEnd()) fail();
      this.i = end + 1;
    } else if (next === '{') {
      const end = closingBrace(text, this.i + 2, quoted);
      if (!PARAMETER.test(text.slice(this.i + 2, end))) fail();
      this.i = end + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      this.i += 2;
      while (this.i < text.length && /[A-Za-z0-9_]/.test(text[this.i]!)) this.i++;
    } else if (next !== undefined && /[0-9?$#@*!-]/.test(next)) {
      this.i += 2;
    } else {
      fail(); // `$'…'`, `$"…"`, a lone `$`
    }
    return text.slice(start, this.i);
  }
}

/** Index of the `)` closing a `$(` whose content starts at `from`; unsupported when unbalanced. */
function closingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") {
      i = text.indexOf("'", i + 1);
      if (i === -1) fail();
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) fail();
    } else if (c === '#' || c === '`') fail();
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return fail();
}

/**
 * Index of the `}` closing a `${` whose content starts at `from`; unsupported when it holds a
 * substitution, or quotes inside a double-quoted string.
 */
function closingBrace(text: string, from: number, quoted: boolean): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`' || c === '\n' || (c === '$' && text[i + 1] === '(')) fail();
    else if (c === "'" || c === '"') {
      if (quoted) fail();
      const end = text.indexOf(c, i + 1);
      if (end === -1) fail();
      i = end;
    }
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return fail();
}

/** The same walk as shell.ts's tree-sitter collector, so both readings list things in one order. */
class Collector {
  readonly commands: ShellCommand[] = [];
  readonly pipelines: ShellCommand[][] = [];
  readonly redirects: Redirect[] = [];
  readonly assignments: Assignment[] = [];

  script(script: Script): void {
    for (const pipeline of script) {
      if (pipeline.length === 1) {
        this.statement(pipeline[0]!);
        continue;
      }
      const stages: ShellCommand[] = [];
      for (const statement of pipeline) {
        const before = this.commands.length;
        this.statement(statement);
        // A compound stage (`(a; b) | c`) stands for its first command.
        const first = this.commands[before];
        if (first) stages.push(first);
      }
      this.pipelines.push(stages);
    }
  }

  private statement(statement: Statement): void {
    if (statement.kind === 'command') this.command(statement);
    else {
      for (const part of statement.parts) {
        if (Array.isArray(part)) this.script(part);
        else this.substitutions(part);
      }
    }
    for (const redirect of statement.redirects) {
      this.redirects.push({ operator: redirect.operator, target: redirect.destinations[0]!.value });
      for (const destination of redirect.destinations) this.substitutions(destination);
    }
  }

  private command(command: Command): void {
    if (command.words.length === 0) {
      for (const assignment of command.assigns) {
        this.assignments.push({ name: assignment.name, value: assignment.value?.value ?? '' });
        if (assignment.value) this.substitutions(assignment.value);
      }
      return;
    }
    const [name, ...rest] = command.words;
    const declaration = DECLARATIONS.has(name!.raw);
    // tree-sitter keeps an assignment-shaped word of a declaration as written (`A="x"`)
    const args = rest.map((w) => (declaration && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.raw) ? w.raw : w.value));
    const assigns = declaration ? [] : command.assigns.map(({ name, value }) => ({ name, value: value?.value ?? '' }));
    this.commands.push({ name: declaration ? name!.raw : name!.value, args, assigns });
    for (const assignment of command.assigns) if (assignment.value) this.substitutions(assignment.value);
    for (const word of command.words) this.substitutions(word);
  }

  private substitutions(word: Word): void {
    for (const script of word.substitutions) this.script(script);
  }
}
