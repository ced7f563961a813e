import { containerDefinitionMatcher } from '../files/globs.js';
import { visibleParagraphLines } from '../markdown/visible-lines.js';

/**
 * `/plimsoll …` commands in a pull request comment (SPEC §6), one per line, anywhere in the body.
 * A command counts only where GitHub renders it as ordinary text to everyone who reads the pull
 * request: code blocks, code spans, HTML (comments, `<pre>`), quotations (lazy continuation lines
 * included) and struck-through text are not commands (src/markdown/visible-lines.ts). Pure.
 *
 * Grammar, words separated by any run of blanks, verb and code in any case:
 *   /plimsoll approve <CODE|all> [<file>[:<line>]] <reason>
 *   /plimsoll revoke  <CODE|all> [<file>[:<line>]] [<anything>]
 *   /plimsoll recheck
 * A word after the code is a file when it is `path:line`, a file the pull request changes, or a
 * path to a container definition by the default globs (`Dockerfile`, `ci/Dockerfile.build`).
 * A reason wrapped in one pair of quotes loses them.
 */

export interface Target {
  /** A rule code (`PL1001`) or `all`. */
  code: string;
  /** Limited to one file, and optionally one line of it. */
  file: string | null;
  line: number | null;
}

export type Command =
  | ({ kind: 'approve'; reason: string } & Target)
  | ({ kind: 'revoke' } & Target)
  /** `upstream`: `/plimsoll recheck upstream` in the policy repository, the upstream watch (SPEC §9). */
  | { kind: 'recheck'; upstream?: true }
  | { kind: 'invalid'; text: string; problem: string };

const PREFIX = /^\/plimsoll(?:\s+|$)/i;
/** The comment GitHub would take in (65,536 characters); anything longer is not read. */
const MAX_BODY = 65_536;
const CODE = /^(?:(?:DL|PL|SC)\d{4}|all)$/i;
const LOCATION = /^(\S+?):(\d+)$/;
const looksLikeDefinition = containerDefinitionMatcher();
const QUOTES: ReadonlyArray<[string, string]> = [['"', '"'], ["'", "'"], ['“', '”'], ['`', '`']];

export const USAGE = [
  '/plimsoll approve PL1001 <reason>',
  '/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>',
  '/plimsoll approve all <reason>',
  '/plimsoll revoke PL1001',
  '/plimsoll recheck',
];

/**
 * `knownFiles` lets `approve PL1001 Dockerfile reason` name a file without a line; a word that is
 * neither a known file nor `path:line` starts the reason.
 */
export function parseCommands(body: string, knownFiles: readonly string[] = []): Command[] {
  // Cheap refusal first: most comments name no command at all.
  if (!/\/plimsoll/i.test(body)) return [];
  const commands: Command[] = [];
  for (const line of visibleParagraphLines(body.slice(0, MAX_BODY))) {
    if (PREFIX.test(line)) commands.push(parseLine(line.replace(PREFIX, '').trim(), line, knownFiles));
  }
  return commands;
}

function parseLine(rest: string, text: string, knownFiles: readonly string[]): Command {
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const verb = words.shift()?.toLowerCase();
  if (verb === 'recheck') return words.length === 1 && words[0]!.toLowerCase() === 'upstream' ? { kind: 'recheck', upstream: true } : { kind: 'recheck' };
  if (verb !== 'approve' && verb !== 'revoke') {
    const problem = verb === undefined ? 'no command given' : 'unknown command';
    return { kind: 'invalid', text, problem: `${problem}; use one of: ${USAGE.map((u) => `\`${u}\``).join(', ')}` };
  }
  const code = words.shift();
  if (code === undefined || !CODE.test(code)) {
    return { kind: 'invalid', text, problem: `\`${verb}\` needs a rule code (such as PL1001) or \`all\`${code ? ', and what follows it is not one' : ''}` };
  }
  const target: Target = { code: code.toLowerCase() === 'all' ? 'all' : code.toUpperCase(), file: null, line: null };
  const where = words[0];
  if (where !== undefined) {
    const located = LOCATION.exec(where);
    if (located) {
      target.file = stripDotSlash(located[1]!);
      target.line = Number(located[2]);
      words.shift();
    } else if (knownFiles.includes(stripDotSlash(where)) || looksLikeDefinition(stripDotSlash(where))) {
      target.file = stripDotSlash(where);
      words.shift();
    }
  }
  if (verb === 'revoke') return { kind: 'revoke', ...target };
  const reason = unquote(words.join(' ').trim());
  if (reason === '') return { kind: 'invalid', text, problem: 'an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`' };
  return { kind: 'approve', ...target, reason };
}

/**
 * An approval parsed without knowing the pull request's files may have taken a file name (one the
 * default globs do not match, such as `images/app.df`) for the first word of its reason: move it
 * into the scope once the files are known.
 */
export function scopeToKnownFile<T extends Command>(command: T, files: readonly string[]): T {
  if (command.kind !== 'approve' || command.file !== null) return command;
  const [first, ...rest] = command.reason.split(' ');
  const file = stripDotSlash(first ?? '');
  const reason = unquote(rest.join(' ').trim());
  if (!files.includes(file) || reason === '') return command;
  return { ...command, file, reason };
}

function unquote(text: string): string {
  for (const [open, close] of QUOTES) {
    const inner = text.slice(open.length, -close.length);
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close) && !inner.includes(close)) return inner.trim();
  }
  return text;
}

function stripDotSlash(path: string): string {
  return path.replace(/^\.\//, '');
}
