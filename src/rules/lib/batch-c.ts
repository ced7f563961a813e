import { parseShell } from '../../dockerfile/shell.js';
import type { Dockerfile, Instruction, ParsedShell, ShellCommand } from '../../dockerfile/types.js';

/*
 * Helpers shared by DL3041–DL3067, in the vocabulary of hadolint's `Hadolint.Shell` and `Hadolint.Rule`
 * so each rule reads like its Haskell original.
 */

// ---------- instructions as hadolint's folds see them ----------

/**
 * The triggers of every `ONBUILD`, in order. hadolint's `rule <> onbuild rule` runs a second copy of a
 * rule, with a fresh state, over these alone (unwrapped), so a stateful rule sees no FROM there.
 * A trigger starts on its ONBUILD's line, which is where hadolint reports.
 */
export function onbuildTriggers(dockerfile: Dockerfile): Instruction[] {
  return dockerfile.instructions.flatMap((i) => (i.keyword === 'ONBUILD' && i.trigger ? [i.trigger] : []));
}

/** A RUN's script. Exec form is parsed too: hadolint hands the joined JSON list to the shell parser. */
export function runScript(instruction: Instruction): ParsedShell | null {
  if (instruction.keyword !== 'RUN') return null;
  const shell = instruction.shell();
  if (shell) return shell;
  return instruction.json ? parseShell(instruction.json.join(' ')) : null;
}

/** Commands of a RUN (none for other instructions). */
export function runCommands(instruction: Instruction): ShellCommand[] {
  return runScript(instruction)?.commands ?? [];
}

/** hadolint's `dropQuotes`: strip any `"` and `'` from both ends. */
export function dropQuotes(text: string): string {
  return text.replace(/^["']+/, '').replace(/["']+$/, '');
}

/**
 * Arguments after the flags, split at blanks outside quotes, as written: backslashes kept (Windows
 * paths), quotes kept. The model's `words` drop backslashes, which language-docker keeps.
 */
export function rawWords(instruction: Instruction): string[] {
  const text = instruction.argsText.replace(/^(?:\s*--\S+)+/, '');
  return text.match(/(?:"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"'])+/g) ?? [];
}

/** Image name of a FROM as language-docker gives it: no registry host, no tag, no digest. */
export function fromImageName(from: Instruction): string {
  const word = from.words[0]?.value ?? '';
  const noDigest = word.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const noTag = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const [first, ...rest] = noTag.split('/');
  const isRegistry = rest.length > 0 && (first!.includes('.') || first!.includes(':') || first === 'localhost');
  return isRegistry ? rest.join('/') : noTag;
}

/** `AS name` of a FROM as written, or null. */
export function fromAlias(from: Instruction): string | null {
  const words = from.words.map((w) => w.value);
  return words.length >= 3 && words[1]!.toLowerCase() === 'as' ? words[2]! : null;
}

/** Value of an instruction flag (`--from=x` → `x`), or null when absent. */
export function flagValue(instruction: Instruction, name: string): string | null {
  const flag = instruction.flags.find((f) => f.name === name);
  return flag ? (flag.value ?? '') : null;
}

/** ARG names declared by an ARG instruction. */
export function argNames(instruction: Instruction): string[] {
  return instruction.pairs.map((p) => p.key);
}

// ---------- RUN --mount ----------

export interface RunMount {
  type: string;
  target: string | null;
}

/** `--mount=type=cache,target=/x` flags of a RUN (type defaults to `bind`, as BuildKit's). */
export function runMounts(instruction: Instruction): RunMount[] {
  return instruction.flags
    .filter((f) => f.name === 'mount' && f.value !== null)
    .map((f) => {
      const options = mountOptions(f.value!);
      return { type: options.get('type') ?? 'bind', target: options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null };
    });
}

function mountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of dropQuotes(value).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) options.set(part.trim(), '');
    else options.set(part.slice(0, eq).trim(), dropQuotes(part.slice(eq + 1).trim()));
  }
  return options;
}

/** hadolint's `Utils.hasCacheOrTmpfsMountWith`: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheOrTmpfsMountWith(instruction: Instruction, fragment: string): boolean {
  return runMounts(instruction).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target?.includes(fragment));
}

/** A RUN's flags in a form where equal flags compare equal (mount options in any order). */
export function runFlagsKey(instruction: Instruction): string {
  return instruction.flags
    .map((f) => {
      if (f.name !== 'mount' || f.value === null) return `${f.name}=${f.value ?? ''}`;
      const options = [...mountOptions(f.value).entries()].map(([k, v]) => `${k}=${v}`).sort();
      return `mount=${options.join(',')}`;
    })
    .sort()
    .join(' ');
}

// ---------- commands (hadolint's Shell.getAllFlags, getArgsNoFlags, hasAnyFlag, ...) ----------

/** Whether an argument counts as a flag: `-x`, `--x`, but not `-` nor `--`. */
function isFlagWord(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && arg !== '--';
}

/** Flags of a command: `-abc` gives a, b, c; `--name=value` gives name. Does not stop at `--`. */
export function flagsOf(command: ShellCommand): string[] {
  return command.args.flatMap((arg) => {
    if (!isFlagWord(arg)) return [];
    if (arg.startsWith('--')) return [arg.slice(2).split('=')[0]!];
    return arg.slice(1).split('');
  });
}

export function hasAnyFlag(command: ShellCommand, names: readonly string[]): boolean {
  return flagsOf(command).some((f) => names.includes(f));
}

/** Arguments that are not flags (`-` and `--` stay, as in hadolint). */
export function argsNoFlags(command: ShellCommand): string[] {
  return command.args.filter((arg) => !isFlagWord(arg));
}

/** hadolint's `cmdsHaveArgs`: the command is one of `names` and one of its arguments is in `args`. */
export function cmdHasArgs(command: ShellCommand, names: readonly string[], args: readonly string[]): boolean {
  return names.includes(command.name) && command.args.some((a) => args.includes(a));
}

/** hadolint's `getFlagArg`: the word after each flag word that holds `flag` (`-u 1000` → `1000`). */
export function flagArguments(command: ShellCommand, flag: string): string[] {
  const values: string[] = [];
  command.args.forEach((arg, index) => {
    if (!isFlagWord(arg)) return;
    const names = arg.startsWith('--') ? [arg.slice(2).split('=')[0]!] : arg.slice(1).split('');
    const next = command.args[index + 1];
    if (names.includes(flag) && next !== undefined) values.push(next);
  });
  return values;
}

/** True when `sequence` appears as consecutive arguments (`["-m", "pip"]`). */
export function hasArgSequence(command: ShellCommand, sequence: readonly string[]): boolean {
  const args = command.args;
  for (let i = 0; i + sequence.length <= args.length; i++) {
    if (sequence.every((word, j) => args[i + j] === word)) return true;
  }
  return false;
}
