import { parseShell } from '../../dockerfile/shell.js';
import type { Dockerfile, Instruction, ParsedShell, ShellCommand } from '../../dockerfile/types.js';
import type { RuleHit } from '../rule.js';

/*
 * Helpers shared by DL1001–DL3019, named after hadolint's `Hadolint.Rule` and `Hadolint.Shell` so each
 * rule reads like its Haskell original. hadolint's shell vocabulary differs from src/dockerfile/shell.ts
 * in small ways that change results (flags are read past `--`, `-` and `--` count as plain arguments,
 * a flag's value is "the next argument"), so the exact versions live here.
 */

// ---------- which RUN scripts a rule sees ----------

/** A RUN script with the line hadolint reports it on. */
export interface RunScript {
  line: number;
  run: Instruction;
  shell: ParsedShell | null;
}

/**
 * A RUN's script as hadolint sees it. Exec form is parsed too: language-docker joins the JSON list
 * with spaces. A script that does not parse (PowerShell, cmd.exe, broken quoting) gives null:
 * ShellCheck then hands hadolint no syntax tree, so its rules find no commands in it.
 */
export function scriptOf(run: Instruction): ParsedShell | null {
  const shell = run.shell() ?? (run.json ? parseShell(run.json.join(' ')) : null);
  return shell?.error === null ? shell : null;
}

/**
 * The RUN instructions a simple rule checks. With `onbuild`, the RUN triggers of `ONBUILD` are
 * checked as well (hadolint's `rule <> onbuild rule`), reported on the ONBUILD line.
 */
export function runScripts(dockerfile: Dockerfile, { onbuild }: { onbuild: boolean }): RunScript[] {
  const scripts: RunScript[] = [];
  for (const instruction of dockerfile.instructions) {
    const run = instruction.keyword === 'ONBUILD' && onbuild ? instruction.trigger : instruction;
    if (run?.keyword === 'RUN') scripts.push({ line: instruction.line, run, shell: scriptOf(run) });
  }
  return scripts;
}

/** One hit per RUN (and, with `onbuild`, ONBUILD RUN) whose script has a command failing the check. */
export function runsWithCommand(
  dockerfile: Dockerfile,
  isBad: (command: ShellCommand) => boolean,
  options: { onbuild: boolean },
): RuleHit[] {
  return runScripts(dockerfile, options)
    .filter(({ shell }) => (shell?.commands ?? []).some(isBad))
    .map(({ line }) => ({ line }));
}

// ---------- hadolint's Shell.Command helpers ----------

/** A flag letter or long name and the index of the argument it came from (hadolint's partId). */
interface FlagPart {
  flag: string;
  index: number;
}

/** `getAllFlags`: `-xy` gives x and y, `--name=v` gives name; `-` and `--` are skipped, not stops. */
function flagParts(command: ShellCommand): FlagPart[] {
  return command.args.flatMap((arg, index) => {
    if (arg === '-' || arg === '--') return [];
    if (arg.startsWith('--')) return [{ flag: arg.slice(2).split('=')[0]!, index }];
    if (arg.startsWith('-')) return [...arg.slice(1)].map((flag) => ({ flag, index }));
    return [];
  });
}

export function hasFlag(command: ShellCommand, flag: string): boolean {
  return flagParts(command).some((part) => part.flag === flag);
}

export function hasAnyFlag(command: ShellCommand, flags: readonly string[]): boolean {
  return flagParts(command).some((part) => flags.includes(part.flag));
}

export function countFlag(command: ShellCommand, flag: string): number {
  return flagParts(command).filter((part) => part.flag === flag).length;
}

/** `hasArg`: some argument is exactly this word. */
export function hasArg(command: ShellCommand, arg: string): boolean {
  return command.args.includes(arg);
}

/** `cmdHasArgs`: the command has this name and at least one of these words as an argument. */
export function cmdHasArgs(command: ShellCommand, name: string, args: readonly string[]): boolean {
  return command.name === name && command.args.some((arg) => args.includes(arg));
}

/** `isInfixOf` on argument lists: these words appear consecutively. */
export function hasArgSequence(command: ShellCommand, sequence: readonly string[]): boolean {
  const { args } = command;
  for (let i = 0; i + sequence.length <= args.length; i++) {
    if (sequence.every((word, j) => args[i + j] === word)) return true;
  }
  return false;
}

/**
 * `getArgsNoFlags` after `dropFlagArg dropValuesOf`: the arguments that are not flags, minus the
 * argument right after each listed flag (its value). hadolint drops that next argument even when the
 * value was given as `--flag=value`, and so does this, unless `valueAfterEquals` (hadolint's newer
 * DL3016 keeps the word after `--registry=URL`).
 */
export function argsNoFlags(
  command: ShellCommand,
  dropValuesOf: readonly string[] = [],
  { valueAfterEquals = false }: { valueAfterEquals?: boolean } = {},
): string[] {
  const parts = flagParts(command);
  const flagIndexes = new Set(parts.map((part) => part.index));
  const takesNext = (part: FlagPart) =>
    dropValuesOf.includes(part.flag) && !(valueAfterEquals && command.args[part.index]!.includes('='));
  const valueIndexes = new Set(parts.filter(takesNext).map((part) => part.index + 1));
  return command.args.filter((_, index) => !flagIndexes.has(index) && !valueIndexes.has(index));
}

/** Arguments after the first `install`, leading `install`s dropped (hadolint's `stripInstallPrefix`). */
export function afterInstall(args: readonly string[]): string[] {
  const start = args.indexOf('install');
  if (start < 0) return [];
  let rest = start;
  while (args[rest] === 'install') rest++;
  return args.slice(rest);
}

// ---------- RUN --mount ----------

interface RunMount {
  type: string;
  target: string;
}

/** `RUN --mount=type=...,target=...` flags; BuildKit's default type is `bind`. */
export function runMounts(run: Instruction): RunMount[] {
  return run.flags
    .filter((flag) => flag.name === 'mount' && flag.value !== null)
    .map((flag) => {
      const options = new Map<string, string>();
      for (const option of flag.value!.split(',')) {
        const [key, ...value] = option.split('=');
        options.set(key!.trim().toLowerCase(), dropQuotes(value.join('=').trim()));
      }
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
      return { type: options.get('type') ?? 'bind', target };
    });
}

/** hadolint's `Utils.hasCacheOrTmpfsMountWith`: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheOrTmpfsMountWith(run: Instruction, fragment: string): boolean {
  return runMounts(run).some(
    (mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && mount.target.includes(fragment),
  );
}

// ---------- words ----------

/** hadolint's `dropQuotes`: strip `"` and `'` from both ends. */
export function dropQuotes(text: string): string {
  return text.replace(/^["']+/, '').replace(/["']+$/, '');
}
