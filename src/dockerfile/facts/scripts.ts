import { parseShell } from '../shell.js';
import type { Instruction, ParsedShell, ShellCommand } from '../types.js';

/*
 * The script of each RUN as hadolint sees it, parsed once per instruction. hadolint hands language-
 * docker's view of a RUN to ShellCheck's parser: the shell form as written, the exec form's words
 * joined by spaces. When the script does not parse (PowerShell, cmd.exe, broken quoting), ShellCheck
 * gives no syntax tree and hadolint's rules see no commands and no pipes.
 */

/** The RUN an instruction stands for: itself, or the trigger of an `ONBUILD RUN`; null otherwise. */
export function runOf(instruction: Instruction): Instruction | null {
  const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  return target?.keyword === 'RUN' ? target : null;
}

const execScripts = new WeakMap<Instruction, ParsedShell>();

/**
 * The script of a RUN as hadolint hands it to the shell parser, read once, syntax errors and all:
 * the shell form as written (heredoc bodies as the script), the exec form's words joined by spaces.
 * Null for other instructions (an ONBUILD too: rules see its trigger through the ONBUILD pass).
 */
export function runScript(run: Instruction): ParsedShell | null {
  if (run.keyword !== 'RUN') return null;
  if (!run.json) return run.shell();
  let script = execScripts.get(run);
  if (script === undefined) {
    script = parseShell(run.json.join(' '));
    execScripts.set(run, script);
  }
  return script;
}

/** hadolint's `ParsedShell` of a RUN: `runScript`, unless the script does not parse. */
export function hadolintScript(run: Instruction): ParsedShell | null {
  const script = runScript(run);
  return script?.error === null ? script : null;
}

const commands = new WeakMap<ParsedShell, readonly ShellCommand[]>();

/**
 * hadolint's `presentCommands`: every simple command of a RUN's script, in order, named the way
 * ShellCheck's `getCommandName` names them: the wrappers `command`, `builtin`, `busybox`, `run` and
 * `exec` stand for the command they run (`command yum install x` is `yum`, its arguments still
 * `yum install x`). Empty for other instructions and scripts that do not parse.
 */
export function presentCommands(instruction: Instruction): readonly ShellCommand[] {
  const script = hadolintScript(instruction);
  if (!script) return [];
  let named = commands.get(script);
  if (named === undefined) {
    named = script.commands.map(effectiveCommand);
    commands.set(script, named);
  }
  return named;
}

/** hadolint's `hasPipes`: the script has a pipeline. */
export function hasPipes(instruction: Instruction): boolean {
  return (hadolintScript(instruction)?.pipelines.length ?? 0) > 0;
}

/** hadolint's `usingProgram`: some command of the RUN has this name. */
export function usingProgram(instruction: Instruction, program: string): boolean {
  return presentCommands(instruction).some((command) => command.name === program);
}

const PASS_THROUGH = new Set(['busybox', 'builtin', 'command', 'run']);

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

/** The command `exec [-cl] [-a name] cmd ...` runs (ShellCheck reads its options as `cla:`). */
function execTarget(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return args[i + 1];
    if (!/^-[cla]+$/.test(arg)) return arg;
    if (arg.endsWith('a')) i++;
  }
  return undefined;
}
