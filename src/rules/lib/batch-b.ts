import { parseShell } from '../../dockerfile/shell.js';
import type { Dockerfile, Instruction, ShellCommand } from '../../dockerfile/types.js';
import type { Level } from '../../findings.js';
import type { Rule, RuleHit } from '../rule.js';

/*
 * Helpers for DL3020–DL3040, named after hadolint's `Hadolint.Shell` and `Hadolint.Rule` so each rule
 * reads like its Haskell original (hadolint 2.15).
 */

// ---------- instructions as hadolint's folds see them ----------

/**
 * The triggers of every `ONBUILD`, in order, reported on the ONBUILD's line. A rule written
 * `rule <> onbuild rule` in hadolint runs a second time, with a fresh state, over these alone.
 */
export function onbuildTriggers(dockerfile: Dockerfile): Instruction[] {
  return dockerfile.instructions.flatMap((i) => (i.keyword === 'ONBUILD' && i.trigger ? [i.trigger] : []));
}

/**
 * The commands of a RUN as hadolint sees them. Exec form is parsed too: hadolint hands the JSON list,
 * joined by spaces, to the shell parser. Wrappers ShellCheck looks through (`command`, `builtin`,
 * `busybox`, `exec`, `run`) name the command they run.
 */
export function runCommands(instruction: Instruction): ShellCommand[] {
  if (instruction.keyword !== 'RUN') return [];
  const shell = instruction.json ? parseShell(instruction.json.join(' ')) : instruction.shell();
  return (shell?.commands ?? []).map(effectiveCommand);
}

const PASS_THROUGH = new Set(['busybox', 'builtin', 'command', 'run']);

/** ShellCheck's `getCommandName`: `command yum install` is `yum` (its arguments are kept as they are). */
function effectiveCommand(command: ShellCommand): ShellCommand {
  let actual: string | undefined;
  if (PASS_THROUGH.has(command.name)) {
    const first = command.args[0];
    if (first !== undefined && !first.startsWith('-')) actual = first;
  } else if (command.name === 'exec') {
    actual = execTarget(command.args);
  }
  return actual === undefined ? command : { ...command, name: actual };
}

/** The command `exec [-cl] [-a name] cmd ...` runs. */
function execTarget(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (!/^-[cla]+$/.test(arg)) return arg;
    if (arg.endsWith('a')) i++; // `-a name` takes a value
  }
  return undefined;
}

/**
 * A rule that judges each RUN on its own (hadolint's `simpleRule` over RUN, plus `onbuild`): it checks
 * every RUN and every `ONBUILD RUN`, and reports the instruction's first line.
 */
export function runRule(
  code: string,
  level: Level,
  message: string,
  passes: (commands: ShellCommand[], run: Instruction) => boolean,
): Rule {
  return {
    code,
    level,
    message,
    check(dockerfile) {
      const runs = [...dockerfile.instructions, ...onbuildTriggers(dockerfile)].filter((i) => i.keyword === 'RUN');
      const hits: RuleHit[] = [];
      for (const run of runs) if (!passes(runCommands(run), run)) hits.push({ line: run.line });
      return hits;
    },
  };
}

/** hadolint's `dropQuotes`: strip any `"` and `'` from both ends. */
export function dropQuotes(text: string): string {
  return text.replace(/^["']+/, '').replace(/["']+$/, '');
}

/** Value of an instruction flag (`--from=x` gives `x`), or null when the flag is absent. */
export function flagValue(instruction: Instruction, name: string): string | null {
  const flag = instruction.flags.find((f) => f.name === name);
  return flag ? (flag.value ?? '') : null;
}

/** `AS name` of a FROM as written (case kept, as hadolint compares it), or null. */
export function fromAlias(from: Instruction): string | null {
  const words = from.words.map((w) => w.value);
  return words.length >= 3 && words[1]!.toLowerCase() === 'as' ? words[2]! : null;
}

// ---------- commands (hadolint's Shell.cmdHasArgs, getAllFlags, getArgsNoFlags, ...) ----------

/** hadolint's `cmdsHaveArgs`: the command is one of `names` and ANY of its arguments is in `args`. */
export function cmdHasArgs(command: ShellCommand, names: string | readonly string[], args: readonly string[]): boolean {
  const wanted = typeof names === 'string' ? [names] : names;
  return wanted.includes(command.name) && command.args.some((a) => args.includes(a));
}

/** Whether a word counts as a flag: `-x`, `--x`, but not `-` nor `--`. */
function isFlagWord(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && arg !== '--';
}

/** hadolint's `getAllFlags`: `-abc` gives a, b, c; `--name=value` gives name. It does not stop at `--`. */
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

/** hadolint's `getArgsNoFlags`: the arguments that are not flags (`-` and `--` stay). */
export function argsNoFlags(command: ShellCommand): string[] {
  return command.args.filter((arg) => !isFlagWord(arg));
}

/**
 * The cache-cleaning rules (DL3032, DL3036, DL3040): a RUN passes when it installs nothing, or when
 * the first cleanup command comes after the first install command.
 */
export function cleansAfterInstall(
  commands: ShellCommand[],
  installs: (c: ShellCommand) => boolean,
  cleans: (c: ShellCommand) => boolean,
): boolean {
  const install = commands.findIndex(installs);
  if (install === -1) return true;
  const clean = commands.findIndex(cleans);
  return clean !== -1 && install < clean;
}

// ---------- RUN --mount ----------

export interface RunMount {
  /** `bind` when not written (BuildKit's default). */
  type: string;
  target: string | null;
  from: string | null;
}

/** The `--mount=...` flags of a RUN. */
export function runMounts(instruction: Instruction): RunMount[] {
  return instruction.flags
    .filter((f) => f.name === 'mount' && f.value !== null)
    .map((f) => {
      const options = mountOptions(f.value!);
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
      return { type: options.get('type') ?? 'bind', target, from: options.get('from') ?? null };
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

/** hadolint's `hasCacheOrTmpfsMountWith`: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheOrTmpfsMountWith(instruction: Instruction, fragment: string): boolean {
  return runMounts(instruction).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target?.includes(fragment));
}

// ---------- images as language-docker reads them ----------

/** An image reference as hadolint sees it: the registry only when written, the name without tag or digest. */
export interface HadolintImage {
  registry: string | null;
  name: string;
}

/**
 * The image of a FROM word (`registry.io/ns/app:1.0@sha256:…`), read the way language-docker does:
 * a registry is the text before the first `/` when a `.` comes before that `/` (so `localhost:5000/app`
 * has none), and variables are not expanded.
 */
export function fromImage(word: string): HadolintImage {
  let registry: string | null = null;
  let rest = word;
  const dot = word.indexOf('.');
  const slash = dot > 0 ? word.indexOf('/', dot + 1) : -1;
  if (slash > dot + 1) {
    registry = word.slice(0, slash);
    rest = word.slice(slash + 1);
  }
  return { registry, name: rest.split(/[@:]/)[0]! };
}

/** The image named by `COPY --from=` or a mount's `from=`: language-docker's `fromString`, which keeps the tag. */
export function imageFromText(text: string): HadolintImage {
  if (!text.includes('/')) return { registry: null, name: text };
  const parts = text.split('/');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts[0]!.includes('.') ? { registry: parts[0]!, name: parts.slice(1).join('/') } : { registry: null, name: text };
}

// ---------- COPY and ADD ----------

/** Sources and destination of COPY/ADD as written: the exec-form list, else the words (quotes kept). */
export function pathArguments(instruction: Instruction): string[] {
  return instruction.json ?? instruction.words.map((w) => w.value);
}
