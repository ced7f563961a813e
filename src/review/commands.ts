/**
 * `/plimsoll …` commands in a pull request comment (SPEC §6), one per line, anywhere in the body.
 * Lines inside code fences and quoted lines (`> /plimsoll …`, a reply quoting a command) are not
 * commands. Pure.
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
  | { kind: 'recheck' }
  | { kind: 'invalid'; text: string; problem: string };

const PREFIX = /^\/plimsoll(?:\s+|$)/i;
const CODE = /^(?:(?:DL|PL|SC)\d{4}|all)$/i;
const LOCATION = /^(\S+?):(\d+)$/;

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
  const commands: Command[] = [];
  let fenced = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || !PREFIX.test(line)) continue;
    commands.push(parseLine(line.replace(PREFIX, '').trim(), line, knownFiles));
  }
  return commands;
}

function parseLine(rest: string, text: string, knownFiles: readonly string[]): Command {
  const words = rest.split(/\s+/).filter((w) => w !== '');
  const verb = words.shift()?.toLowerCase();
  if (verb === 'recheck') return { kind: 'recheck' };
  if (verb !== 'approve' && verb !== 'revoke') {
    const problem = verb === undefined ? 'no command given' : `unknown command \`${verb}\``;
    return { kind: 'invalid', text, problem: `${problem}; use one of: ${USAGE.map((u) => `\`${u}\``).join(', ')}` };
  }
  const code = words.shift();
  if (code === undefined || !CODE.test(code)) {
    return { kind: 'invalid', text, problem: `\`${verb}\` needs a rule code (such as PL1001) or \`all\`${code ? `, got \`${code}\`` : ''}` };
  }
  const target: Target = { code: code.toLowerCase() === 'all' ? 'all' : code.toUpperCase(), file: null, line: null };
  const where = words[0];
  if (where !== undefined) {
    const located = LOCATION.exec(where);
    if (located) {
      target.file = stripDotSlash(located[1]!);
      target.line = Number(located[2]);
      words.shift();
    } else if (knownFiles.includes(stripDotSlash(where))) {
      target.file = stripDotSlash(where);
      words.shift();
    }
  }
  if (verb === 'revoke') return { kind: 'revoke', ...target };
  const reason = words.join(' ').trim();
  if (reason === '') return { kind: 'invalid', text, problem: 'an approval needs a reason after the code, e.g. `/plimsoll approve PL1001 vendor SDK needs EL7`' };
  return { kind: 'approve', ...target, reason };
}

function stripDotSlash(path: string): string {
  return path.replace(/^\.\//, '');
}
