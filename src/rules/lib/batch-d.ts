import { parseShell } from '../../dockerfile/shell.js';
import type { Dockerfile, Instruction, ParsedShell, ShellCommand } from '../../dockerfile/types.js';

/**
 * Shared vocabulary of the DL4xxx and PL2xxx rules: how hadolint sees a RUN, every script a RUN
 * really executes (through `sudo`, `sh -c '…'`, `find -exec`), package installs across package
 * managers, and the small text scans the shell model cannot answer yet (redirection targets,
 * bare `NAME=value` statements).
 */

// ---------- hadolint's view of a RUN (DL rules) ----------

const hadolintShells = new WeakMap<Instruction, ParsedShell | null>();

/**
 * The shell script hadolint lints for an instruction: the shell form as written, or the exec form's
 * words joined by spaces (language-docker's `ArgumentsList`). A script the parser cannot read gives
 * null: ShellCheck hands hadolint no AST then, so its rules see no commands and no pipes.
 */
export function hadolintShell(instruction: Instruction): ParsedShell | null {
  if (hadolintShells.has(instruction)) return hadolintShells.get(instruction)!;
  const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  let shell: ParsedShell | null = null;
  if (target?.json) shell = parseShell(target.json.join(' '));
  else if (target) shell = instruction.shell();
  const result = shell && shell.error === null ? shell : null;
  hadolintShells.set(instruction, result);
  return result;
}

/** The last path segment of a command name: `/usr/bin/bash` → `bash`, `C:\x\cmd.exe` → `cmd.exe`. */
export function basename(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}

// ---------- every command a RUN executes (PL rules) ----------

/** Shells that run a `-c` script or read one from stdin. */
export const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'mksh', 'busybox-sh']);

/** A RUN (or an ONBUILD RUN, reported on the ONBUILD line) with everything it executes. */
export interface RunScript {
  /** The instruction to report on (the ONBUILD for a trigger). */
  instruction: Instruction;
  /** Every simple command, wrappers (`sudo`, `env`, `exec`…) removed and names reduced to basenames,
   *  including those of nested `sh -c '…'` scripts and `find -exec` / `xargs` commands. */
  commands: ShellCommand[];
  /** Pipelines with the same normalisation. */
  pipelines: ShellCommand[][];
  /** The script texts: the RUN's own and every nested `-c` script (for the text scans below). */
  texts: string[];
}

const runScriptCache = new WeakMap<Dockerfile, RunScript[]>();

/** Every RUN and ONBUILD RUN of the file, in order (computed once per parsed file). */
export function runScripts(dockerfile: Dockerfile): RunScript[] {
  const cached = runScriptCache.get(dockerfile);
  if (cached) return cached;
  const scripts: RunScript[] = [];
  for (const instruction of dockerfile.instructions) {
    const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
    if (target?.keyword !== 'RUN') continue;
    const script: RunScript = { instruction, commands: [], pipelines: [], texts: [] };
    if (target.json) {
      // Exec form runs one command without a shell; a `sh -c` inside it is expanded below.
      const [name = '', ...args] = target.json;
      addCommands(script, [{ name, args, assigns: [] }], [], 0);
    } else {
      const shell = instruction.shell();
      if (shell) addShell(script, shell, 0);
    }
    scripts.push(script);
  }
  runScriptCache.set(dockerfile, scripts);
  return scripts;
}

const MAX_NESTING = 3;

function addShell(script: RunScript, shell: ParsedShell, depth: number): void {
  script.texts.push(shell.text);
  addCommands(script, shell.commands, shell.pipelines, depth);
}

function addCommands(script: RunScript, commands: ShellCommand[], pipelines: ShellCommand[][], depth: number): void {
  for (const raw of commands) {
    for (const command of expandCommand(raw)) {
      script.commands.push(command);
      const inner = innerScript(command);
      if (inner !== null && depth < MAX_NESTING) addShell(script, parseShell(inner), depth + 1);
    }
  }
  for (const pipeline of pipelines) script.pipelines.push(pipeline.map(unwrapCommand));
}

/** The command itself (unwrapped) plus commands it runs for others (`find -exec`, `xargs`). */
function expandCommand(raw: ShellCommand): ShellCommand[] {
  const command = unwrapCommand(raw);
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

/** Short options (per wrapper) whose value is the next word. */
const WRAPPERS: Record<string, Set<string>> = {
  sudo: new Set(['u', 'g', 'h', 'p', 'C', 'D', 'r', 't', 'U', 'T', 'R', 'user', 'group', 'prompt', 'chdir']),
  doas: new Set(['u', 'C']),
  env: new Set(['u', 'C', 'S', 'unset', 'chdir']),
  exec: new Set(['a']),
  nohup: new Set(),
  time: new Set(['f', 'o']),
  nice: new Set(['n', 'adjustment']),
  ionice: new Set(['c', 'n', 'p']),
  stdbuf: new Set(['i', 'o', 'e']),
  timeout: new Set(['k', 's', 'signal', 'kill-after']),
  busybox: new Set(),
  command: new Set(),
  builtin: new Set(),
};

/** Wrappers whose first word after the options is a user, not the command. */
const USER_SWITCHERS = new Set(['gosu', 'su-exec']);

/**
 * The command a wrapper runs: `sudo -E bash -` → `bash -`, `env A=1 curl` → `curl` (with A=1 as an
 * assignment), `gosu app sh` → `sh`. Names become basenames (`/usr/bin/curl` → `curl`).
 */
export function unwrapCommand(command: ShellCommand): ShellCommand {
  let current: ShellCommand = { ...command, name: basename(command.name) };
  for (let guard = 0; guard < 8; guard++) {
    const name = current.name;
    let rest: string[] | null = null;
    const assigns = [...current.assigns];
    if (name in WRAPPERS) {
      if (name === 'command' && current.args.some((a) => a === '-v' || a === '-V')) break;
      rest = skipOptions(current.args, WRAPPERS[name]!);
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
function skipOptions(args: string[], valued: Set<string>): string[] {
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

// ---------- package managers ----------

/** Sub-commands that install, per package manager. */
const INSTALL_VERBS: Record<string, string[]> = {
  'apt-get': ['install', 'reinstall'],
  apt: ['install', 'reinstall'],
  aptitude: ['install', 'reinstall'],
  apk: ['add'],
  yum: ['install', 'reinstall'],
  dnf: ['install', 'reinstall'],
  microdnf: ['install', 'reinstall'],
  tdnf: ['install', 'reinstall'],
  zypper: ['install', 'in'],
};

/** Options whose value is the next word, so it is not taken for a package. */
const VALUED_OPTIONS = new Set([
  'o', 't', 'c', 'X', 'p', 'x', 'r', 'option', 'target-release', 'config-file', 'virtual', 'repository',
  'root', 'repositories-file', 'arch', 'config', 'installroot', 'releasever', 'setopt', 'enablerepo',
  'disablerepo', 'repo', 'repoid', 'exclude', 'from', 'type',
]);

export interface PackageInstall {
  /** `apt-get install`, `apk add`, … as the user wrote it. */
  verb: string;
  /** Package words as written (`sudo`, `openssh-server=1:9.2`, `sudo-1.9.5`). */
  packages: string[];
}

/** The packages a command installs, or null when it installs nothing. */
export function packageInstall(command: ShellCommand): PackageInstall | null {
  if (command.name === 'pacman') {
    const sync = command.args.find((a) => /^-S[a-zA-Z]*$/.test(a) && !/[silgcp]/.test(a.slice(2)));
    if (!sync) return null;
    return { verb: `pacman ${sync}`, packages: command.args.filter((a) => !a.startsWith('-')) };
  }
  const verbs = INSTALL_VERBS[command.name];
  if (!verbs) return null;
  const words = operands(command.args);
  const verb = words[0];
  if (verb === undefined || !verbs.includes(verb)) return null;
  return { verb: `${command.name} ${verb}`, packages: words.slice(1) };
}

/** Non-option words, skipping the values of options that take one. */
function operands(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && VALUED_OPTIONS.has(arg.slice(2))) i++;
    } else if (arg.startsWith('-') && arg.length > 1) {
      if (arg.length === 2 && VALUED_OPTIONS.has(arg[1]!)) i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * True when a package word names this package: exact, with a version or arch pin (`sudo=1.9`,
 * `sudo:amd64`, `sudo~1`, `sudo>1`, `sudo@edge`), or an RPM-style `name-1.2.3` / `name.x86_64`.
 */
export function isPackage(word: string, name: string): boolean {
  if (!word.startsWith(name)) return false;
  const rest = word.slice(name.length);
  return rest === '' || /^[=:<>~@/]/.test(rest) || /^-\d/.test(rest) || /^\.(x86_64|aarch64|noarch|i[3-6]86|arm64|armv7hl|ppc64le|s390x)$/.test(rest);
}

// ---------- what the shell model does not expose yet ----------

/**
 * Files written by output redirections (`> f`, `>> f`, `&> f`, `>| f`) in a script. The model's
 * ShellCommand has no redirections, so this reads the script text: a `>` inside a quoted string is
 * taken for a redirection too (rare in practice, and only ever over-reports).
 */
export function redirectTargets(text: string): string[] {
  const targets: string[] = [];
  for (const match of text.matchAll(/(?:&>>?|[0-9]?>>?\|?)[ \t]*(["']?)([^\s"'`;&|<>()]+)\1/g)) {
    targets.push(match[2]!);
  }
  return targets;
}

/** `NAME=value` at the start of a statement: after a separator, an opening parenthesis or a keyword. */
const BARE_ASSIGNMENT = /(?:^|[;&|(\n]|\b(?:then|do|else))[ \t]*([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|([^\s;&|)]*))/g;

/**
 * Every environment assignment in a RUN: command prefixes (`A=1 cmd`), `env A=1 cmd`,
 * `export`/`declare`/`readonly`/`local` words, and bare statements (`A=1 && cmd`). The model lists
 * only prefix assignments, so bare statements are read from the script text.
 */
export function assignments(script: RunScript): Array<{ name: string; value: string }> {
  const found: Array<{ name: string; value: string }> = [];
  for (const command of script.commands) {
    found.push(...command.assigns);
    if (['export', 'declare', 'typeset', 'readonly', 'local'].includes(command.name)) {
      for (const arg of command.args) {
        const eq = arg.indexOf('=');
        if (eq > 0) found.push({ name: arg.slice(0, eq), value: arg.slice(eq + 1) });
      }
    }
  }
  for (const text of script.texts) {
    if (!text.includes('=')) continue;
    for (const match of text.matchAll(BARE_ASSIGNMENT)) {
      found.push({ name: match[1]!, value: match[2] ?? match[3] ?? match[4] ?? '' });
    }
  }
  return found;
}

/** Join reasons into one message, each once, in order. */
export function joinReasons(reasons: string[]): string {
  return [...new Set(reasons)].join('; ');
}

/**
 * Instructions with this keyword that follow another one in the same stage (DL4003, DL4004).
 * Counting starts at the top of the file and restarts at every FROM; ONBUILD triggers do not count.
 */
export function secondInStage(dockerfile: Dockerfile, keyword: string): Instruction[] {
  const repeated: Instruction[] = [];
  let seen = false;
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === 'FROM') seen = false;
    else if (instruction.keyword === keyword) {
      if (seen) repeated.push(instruction);
      seen = true;
    }
  }
  return repeated;
}
