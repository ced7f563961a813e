import { parseShell } from '../dockerfile/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { executedRuns, POSIX_SHELLS, shellInvocation, unwrapCommand } from '../dockerfile/facts/executed.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * PL2006: `curl … | sh` runs whatever the server (or anyone between) sends at that moment, with no
 * checksum or signature and no record of what ran. Three shapes: a pipeline from curl/wget into an
 * interpreter reading the script from stdin, `sh -c "$(curl …)"` / `eval "$(curl …)"`, and
 * `bash <(curl …)`. Downloading to a file, verifying it, then running it is the safe form.
 */
export const PL2006: Rule = {
  code: 'PL2006', level: 'error', message: 'A remote script is piped into a shell',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const script of executedRuns(dockerfile)) {
      const shapes = [
        ...script.pipelines.flatMap(pipedShape),
        ...script.commands.flatMap(substitutedShape),
      ];
      if (shapes.length > 0) {
        hits.push({
          line: script.instruction.line,
          message: `\`${shapes[0]}\` runs a downloaded script unverified: download it to a file, check its checksum or signature, then run it`,
        });
      }
    }
    return hits;
  },
};

/** Interpreters that run a script given on stdin, by basename (`python3.12` counts as python). */
const INTERPRETERS = /^(?:sh|bash|zsh|dash|ash|ksh|mksh|fish|python[0-9.]*|perl|ruby|node|nodejs|php[0-9.]*|pwsh)$/;

/** Options that give an interpreter its program inline or by module, so stdin is data. */
const INLINE_PROGRAM: Record<string, RegExp> = {
  python: /^-(?:[a-zA-Z]*[cm]|-command|-module)/,
  perl: /^-[a-zA-Z]*[eE]/,
  ruby: /^-[a-zA-Z]*e/,
  node: /^(?:-[ep]|--eval|--print)/,
  php: /^-(?:[a-zA-Z]*[rRBEF]|-run)/,
  pwsh: /^-(?:c|command|f|file)$/i,
};

/** `curl URL | … | sh`: a downloader stage followed, anywhere later, by an interpreter reading stdin. */
function pipedShape(pipeline: ShellCommand[]): string[] {
  const from = pipeline.findIndex(downloadsToStdout);
  if (from === -1) return [];
  const to = pipeline.slice(from + 1).find(runsStdin);
  return to ? [`${pipeline[from]!.name} … | ${to.name}`] : [];
}

/** curl writes to stdout unless told to write a file; wget only with `-O -` (`-qO-`, `-O /dev/stdout`). */
function downloadsToStdout(command: ShellCommand): boolean {
  const args = command.args;
  if (command.name === 'curl') {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-O' || arg === '--remote-name' || arg === '--remote-name-all' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(arg)) return false;
      const output = /^(?:-[a-zA-Z]*o(.*)|--output(?:=(.*))?)$/.exec(arg);
      if (output) {
        const target = output[1] || output[2] || args[i + 1];
        if (target !== '-' && target !== '/dev/stdout') return false;
      }
    }
    return true;
  }
  if (command.name === 'wget') {
    for (let i = 0; i < args.length; i++) {
      const output = /^(?:-[a-zA-Z]*O(.*)|--output-document(?:=(.*))?)$/.exec(args[i]!);
      if (output) {
        const target = output[1] || output[2] || args[i + 1];
        return target === '-' || target === '/dev/stdout';
      }
    }
  }
  return false;
}

/** An interpreter that takes its program from stdin: no script file operand, no inline program. */
function runsStdin(command: ShellCommand): boolean {
  const name = command.name;
  if (!INTERPRETERS.test(name)) return false;
  if (POSIX_SHELLS.has(name) || name === 'fish') {
    const { options, operands } = shellInvocation(command);
    if (options.includes('c')) return false;
    return options.includes('s') || operands.length === 0 || operands[0] === '-';
  }
  const family = name.replace(/[0-9.]+$/, '').replace(/^nodejs$/, 'node');
  const inline = Object.hasOwn(INLINE_PROGRAM, family) ? INLINE_PROGRAM[family] : undefined;
  const operands: string[] = [];
  for (const arg of command.args) {
    if (arg === '--') break;
    if (inline?.test(arg)) return false;
    if (!arg.startsWith('-') || arg === '-') operands.push(arg);
  }
  return operands.length === 0 || operands[0] === '-';
}

/** `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`, `bash <(curl …)`, `source <(curl …)`. */
function substitutedShape(command: ShellCommand): string[] {
  const program = programArgument(command)?.trim();
  const substitution = program === undefined ? null : /^(\$\(|<\(|`)([\s\S]*)[)`]$/.exec(program);
  if (!substitution) return [];
  const first = parseShell(substitution[2]!).commands[0];
  const downloader = first ? unwrapCommand(first).name : '';
  if (downloader !== 'curl' && downloader !== 'wget') return [];
  if (substitution[1] === '<(') return [`${command.name} <(${downloader} …)`];
  const runner = POSIX_SHELLS.has(command.name) ? `${command.name} -c` : command.name;
  return [`${runner} "$(${downloader} …)"`];
}

/** The word that holds the program an interpreter runs: its `-c` script, script file or `eval` text. */
function programArgument(command: ShellCommand): string | undefined {
  const name = command.name;
  if (POSIX_SHELLS.has(name)) return shellInvocation(command).operands[0];
  if (name === 'eval' || name === 'source' || name === '.') return command.args[0];
  if (INTERPRETERS.test(name)) return command.args.find((arg) => !arg.startsWith('-'));
  return undefined;
}
