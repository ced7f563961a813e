import type { ShellCommand } from '../types.js';

/*
 * hadolint's `Hadolint.Shell` vocabulary over one simple command. Each word means what it means in
 * hadolint, so a rule reads like its Haskell original:
 *
 *   cmdHasArgs(c, 'apt-get', ['install']) && getArgsNoFlags(dropFlagArg(c, ['t'])) ...
 *
 * A command's flags are parsed once (on first use) and kept with it.
 */

/** One flag: a letter of `-xyz`, or the name of `--name[=value]`, and the argument it came from. */
export interface FlagPart {
  flag: string;
  /** Index in `command.args` of the word that holds the flag (hadolint's `partId`). */
  index: number;
}

const parsedFlags = new WeakMap<ShellCommand, readonly FlagPart[]>();

/**
 * hadolint's `getAllFlags`: `-xyz` gives x, y and z, `--name=value` gives `name`. `-` and `--` are
 * plain arguments, and flags after `--` still count (hadolint does not stop there).
 */
export function getAllFlags(command: ShellCommand): readonly FlagPart[] {
  let flags = parsedFlags.get(command);
  if (flags === undefined) {
    flags = parseFlags(command.args);
    parsedFlags.set(command, flags);
  }
  return flags;
}

function parseFlags(args: readonly string[]): FlagPart[] {
  const flags: FlagPart[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg.charCodeAt(0) !== 45 /* - */ || arg === '-' || arg === '--') continue;
    if (arg.charCodeAt(1) === 45) {
      const eq = arg.indexOf('=');
      flags.push({ flag: eq === -1 ? arg.slice(2) : arg.slice(2, eq), index });
    } else {
      for (let i = 1; i < arg.length; i++) flags.push({ flag: arg[i]!, index });
    }
  }
  return flags;
}

export function hasFlag(command: ShellCommand, flag: string): boolean {
  return getAllFlags(command).some((part) => part.flag === flag);
}

export function hasAnyFlag(command: ShellCommand, flags: readonly string[]): boolean {
  return getAllFlags(command).some((part) => flags.includes(part.flag));
}

/** How often a flag is given (`-q -q` and `-qq` both count 2). */
export function countFlag(command: ShellCommand, flag: string): number {
  let count = 0;
  for (const part of getAllFlags(command)) if (part.flag === flag) count++;
  return count;
}

/** hadolint's `hasArg`: some argument is exactly this word. */
export function hasArg(command: ShellCommand, arg: string): boolean {
  return command.args.includes(arg);
}

/** `isInfixOf` on the arguments: these words appear one after the other (`-m pip install`). */
export function hasArgs(command: ShellCommand, sequence: readonly string[]): boolean {
  const { args } = command;
  outer: for (let i = 0; i + sequence.length <= args.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (args[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * hadolint's `cmdHasArgs` / `cmdsHaveArgs`: the command has this name (or one of these names) and
 * at least one of these words as an argument.
 */
export function cmdHasArgs(command: ShellCommand, names: string | readonly string[], args: readonly string[]): boolean {
  const named = typeof names === 'string' ? command.name === names : names.includes(command.name);
  return named && command.args.some((arg) => args.includes(arg));
}

/** hadolint's `cmdHasPrefixArg`: the command has this name and an argument starting with `prefix`. */
export function cmdHasPrefixArg(command: ShellCommand, name: string, prefix: string): boolean {
  return command.name === name && command.args.some((arg) => arg.startsWith(prefix));
}

/** hadolint's `getArgsNoFlags`: the arguments that hold no flag (`-` and `--` stay). */
export function getArgsNoFlags(command: ShellCommand): string[] {
  const flagged = new Set(getAllFlags(command).map((part) => part.index));
  return command.args.filter((_, index) => !flagged.has(index));
}

/**
 * hadolint's `dropFlagArg`: the command without the values of these flags. A flag's value is the
 * argument right after it, unless it was given inline (`--python=x`, `-t=x`), so
 * `pipx install --python "$(which python)" poetry==1.8.5` keeps only `install` and `poetry==1.8.5`
 * for `getArgsNoFlags`.
 */
export function dropFlagArg(command: ShellCommand, flags: readonly string[]): ShellCommand {
  const values = valueIndexes(command, flags);
  if (values.size === 0) return command;
  return { ...command, args: command.args.filter((_, index) => !values.has(index)) };
}

/** hadolint's `getFlagArg`: the values of a flag (`useradd -u 12345 app` gives `12345` for `u`). */
export function getFlagArg(command: ShellCommand, flag: string): string[] {
  const values = new Set<number>();
  for (const part of getAllFlags(command)) {
    if (part.flag === flag && part.index + 1 < command.args.length) values.add(part.index + 1);
  }
  return command.args.filter((_, index) => values.has(index));
}

function valueIndexes(command: ShellCommand, flags: readonly string[]): Set<number> {
  const values = new Set<number>();
  for (const part of getAllFlags(command)) {
    if (!flags.includes(part.flag) || command.args[part.index]!.includes('=')) continue;
    if (part.index + 1 < command.args.length) values.add(part.index + 1);
  }
  return values;
}

/** hadolint's `stripInstallPrefix`: the words after the first `install` (repeated `install`s dropped). */
export function stripInstallPrefix(args: readonly string[]): string[] {
  let start = args.indexOf('install');
  if (start === -1) return [];
  while (args[start] === 'install') start++;
  return args.slice(start);
}

/** hadolint's `dropQuotes`: `"` and `'` stripped from both ends. */
export function dropQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === '"' || text[start] === "'")) start++;
  while (end > start && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Flags as POSIX utilities read them: like `getAllFlags`, but nothing after `--` (the end of
 * options) is a flag. Plimsoll's own rules use this; hadolint's do not.
 */
export function optionFlags(command: ShellCommand): string[] {
  const flags: string[] = [];
  for (const arg of command.args) {
    if (arg === '--') break;
    if (arg.startsWith('--') && arg.length > 2) flags.push(arg.slice(2).split('=')[0]!);
    else if (arg.startsWith('-') && arg.length > 1) for (let i = 1; i < arg.length; i++) flags.push(arg[i]!);
  }
  return flags;
}
