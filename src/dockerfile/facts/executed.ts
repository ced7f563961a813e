import { parseShell } from '../shell.js';
import type { Assignment, Dockerfile, Instruction, ParsedShell, Redirect, ShellCommand } from '../types.js';
import { runOf } from './scripts.js';

/*
 * Everything a RUN really executes, for Plimsoll's own rules: wrappers removed (`sudo`, `env`,
 * `gosu`…), command names reduced to basenames, the scripts of `sh -c '…'` and `su -c '…'` parsed
 * in turn, and the commands `find -exec` and `xargs` run. Computed once per RUN.
 */

/** A RUN (or an ONBUILD RUN, reported on the ONBUILD line) with everything it executes. */
export interface Executed {
  /** The instruction to report on (the ONBUILD for a trigger). */
  instruction: Instruction;
  /** Every simple command, nested scripts included, unwrapped. */
  commands: ShellCommand[];
  /** Pipelines of two or more commands, unwrapped. */
  pipelines: ShellCommand[][];
  /** Output redirections of the RUN's script and of every nested script. */
  redirects: Redirect[];
  /** Assignments that stand as statements (`A=1 && cmd`), in every script. */
  assignments: Assignment[];
}

const byFile = new WeakMap<Dockerfile, Executed[]>();

/** Every RUN and ONBUILD RUN of the file, in order. */
export function executedRuns(dockerfile: Dockerfile): readonly Executed[] {
  let runs = byFile.get(dockerfile);
  if (runs === undefined) {
    runs = [];
    for (const instruction of dockerfile.instructions) {
      const run = runOf(instruction);
      if (run) runs.push(executedBy(instruction, run));
    }
    byFile.set(dockerfile, runs);
  }
  return runs;
}

/** Shells that run a `-c` script or read one from stdin. */
export const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh', 'busybox-sh']);

/** How deep `sh -c "sh -c '…'"` is followed. */
const MAX_NESTING = 3;

function executedBy(instruction: Instruction, run: Instruction): Executed {
  const executed: Executed = { instruction, commands: [], pipelines: [], redirects: [], assignments: [] };
  if (run.json) {
    // Exec form runs one command without a shell; a `sh -c` inside it is followed below.
    const [name = '', ...args] = run.json;
    addCommands(executed, [{ name, args, assigns: [] }], 0);
  } else {
    const shell = run.shell();
    if (shell) addScript(executed, shell, 0);
  }
  return executed;
}

function addScript(executed: Executed, shell: ParsedShell, depth: number): void {
  executed.redirects.push(...shell.redirects);
  executed.assignments.push(...shell.assignments);
  addCommands(executed, shell.commands, depth);
  for (const pipeline of shell.pipelines) executed.pipelines.push(pipeline.map(unwrapCommand));
}

function addCommands(executed: Executed, commands: readonly ShellCommand[], depth: number): void {
  for (const raw of commands) {
    for (const command of expandCommand(raw)) {
      executed.commands.push(command);
      const inner = innerScript(command);
      if (inner !== null && depth < MAX_NESTING) addScript(executed, parseShell(inner), depth + 1);
    }
  }
}

/** The command itself (unwrapped) plus the commands it runs for others (`find -exec`, `xargs`). */
function expandCommand(raw: ShellCommand): readonly ShellCommand[] {
  const command = unwrapCommand(raw);
  if (command.name !== 'find' && command.name !== 'xargs') return [command];
  const out = [command];
  if (command.name === 'find') {
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      if (args[i] !== '-exec' && args[i] !== '-execdir') continue;
      const end = args.findIndex((a, j) => j > i && (a === ';' || a === '+' || a === '\\;'));
      const words = args.slice(i + 1, end === -1 ? undefined : end);
      if (words.length > 0) out.push(unwrapCommand({ name: words[0]!, args: words.slice(1), assigns: [] }));
    }
  } else if (command.name === 'xargs') {
    // -i, -e and -l take their optional value attached, so only these consume the next word
    const words = skipOptions(command.args, new Set(['a', 'd', 'E', 'I', 'L', 'n', 'P', 's']));
    if (words.length > 0) out.push(unwrapCommand({ name: words[0]!, args: words.slice(1), assigns: [] }));
  }
  return out;
}

/** The last path segment of a command name: `/usr/bin/bash` → `bash`, `C:\x\cmd.exe` → `cmd.exe`. */
export function basename(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

/** Short options (per wrapper) whose value is the next word. */
const WRAPPERS = new Map<string, ReadonlySet<string>>([
  ['sudo', new Set(['u', 'g', 'h', 'p', 'C', 'D', 'r', 't', 'U', 'T', 'R', 'user', 'group', 'prompt', 'chdir'])],
  ['doas', new Set(['u', 'C'])],
  ['env', new Set(['u', 'C', 'S', 'unset', 'chdir'])],
  ['exec', new Set(['a'])],
  ['nohup', new Set()],
  ['time', new Set(['f', 'o'])],
  ['nice', new Set(['n', 'adjustment'])],
  ['ionice', new Set(['c', 'n', 'p'])],
  ['stdbuf', new Set(['i', 'o', 'e'])],
  ['timeout', new Set(['k', 's', 'signal', 'kill-after'])],
  ['busybox', new Set()],
  ['command', new Set()],
  ['builtin', new Set()],
]);

/** Wrappers whose first word after the options is a user, not the command. */
const USER_SWITCHERS = new Set(['gosu', 'su-exec']);

/**
 * The command a wrapper runs: `sudo -E bash -` → `bash -`, `env A=1 curl` → `curl` (with A=1 as an
 * assignment), `gosu app sh` → `sh`. Names become basenames (`/usr/bin/curl` → `curl`).
 */
export function unwrapCommand(command: ShellCommand): ShellCommand {
  const name = basename(command.name);
  // Most commands are no wrapper and already a basename: keep them as they are.
  if (name === command.name && !WRAPPERS.has(name) && !USER_SWITCHERS.has(name)) return command;
  let current: ShellCommand = { ...command, name };
  for (let guard = 0; guard < 8; guard++) {
    const name = current.name;
    let rest: string[] | null = null;
    const assigns = [...current.assigns];
    const valued = WRAPPERS.get(name);
    if (valued) {
      if (name === 'command' && current.args.some((a) => a === '-v' || a === '-V')) break;
      rest = skipOptions(current.args, valued);
      if (name === 'timeout') rest = rest.slice(1); // the duration
      if (name === 'env') {
        while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!)) {
          const word = rest.shift()!;
          const eq = word.indexOf('=');
          assigns.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
        }
      }
    } else if (USER_SWITCHERS.has(name)) {
      rest = skipOptions(current.args, new Set()).slice(1);
    }
    if (rest === null || rest.length === 0) break;
    current = { name: basename(rest[0]!), args: rest.slice(1), assigns };
  }
  return current;
}

/** Words after leading options; `valued` lists options (short letters or long names) that take a value. */
function skipOptions(args: readonly string[], valued: ReadonlySet<string>): string[] {
  let i = 0;
  while (i < args.length) {
    const arg = args[i]!;
    if (arg === '--') return args.slice(i + 1);
    if (!arg.startsWith('-') || arg.length < 2) return args.slice(i);
    if (arg.startsWith('--')) {
      i += !arg.includes('=') && valued.has(arg.slice(2)) ? 2 : 1;
      continue;
    }
    const letters = arg.slice(1);
    if (valued.has(letters[0]!)) i += letters.length === 1 ? 2 : 1; // `-u root` | `-uroot`
    else i += valued.has(letters[letters.length - 1]!) ? 2 : 1; // `-Eu root` | `-E`
  }
  return [];
}

/** The script of `sh -c 'script'`, `su -c 'script' user`, or null. */
export function innerScript(command: ShellCommand): string | null {
  if (POSIX_SHELLS.has(command.name)) {
    const { options, operands } = shellInvocation(command);
    return options.includes('c') && operands.length > 0 ? operands[0]! : null;
  }
  if (command.name === 'su' || command.name === 'runuser') {
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-c' || args[i] === '--command') return args[i + 1] ?? null;
      if (args[i]!.startsWith('--command=')) return args[i]!.slice('--command='.length);
    }
  }
  return null;
}

/** A shell's option letters and its operands (`bash -eo pipefail -c 'x' arg0`). */
export function shellInvocation(command: ShellCommand): { options: string[]; operands: string[] } {
  const options: string[] = [];
  const args = command.args;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--' || arg === '-') {
      if (arg === '--') i++;
      break;
    }
    if (!/^[-+]/.test(arg) || arg.length < 2) break;
    if (arg.startsWith('--')) {
      options.push(arg.slice(2));
      continue;
    }
    const letters = arg.slice(1).split('');
    options.push(...letters);
    // `-o name` / `-O name` take the next word
    if (letters.includes('o') || letters.includes('O')) i++;
  }
  return { options, operands: args.slice(i) };
}

const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/**
 * Every environment assignment a RUN makes: command prefixes (`A=1 cmd`), `env A=1 cmd`,
 * `export`/`declare`/`readonly`/`local` words, and statements of their own (`A=1 && cmd`).
 */
export function environmentAssignments(executed: Executed): Assignment[] {
  const found: Assignment[] = [];
  for (const command of executed.commands) {
    found.push(...command.assigns);
    if (!DECLARATIONS.has(command.name)) continue;
    for (const arg of command.args) {
      const eq = arg.indexOf('=');
      if (eq > 0) found.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
    }
  }
  found.push(...executed.assignments);
  return found;
}
