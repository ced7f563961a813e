import type { Dockerfile, Instruction, ShellCommand } from '../dockerfile/types.js';
import type { Rule, RuleHit } from './rule.js';
import { argNames, argsNoFlags, cmdHasArgs, fromAlias, fromImageName, onbuildTriggers, runCommands } from './lib/batch-c.js';

const DNF = ['dnf', 'microdnf'];

/**
 * hadolint DL3041: `dnf install` of an unpinned package gives a different image every build.
 * A package whose version comes from a variable counts as pinned when an ARG, or an ENV of the current
 * stage (inherited through `FROM <stage>`), defines that variable before the RUN.
 */
export const DL3041: Rule = {
  code: 'DL3041',
  level: 'warning',
  message: 'Specify version with `dnf install -y <package>-<version>`.',
  check(dockerfile: Dockerfile) {
    // hadolint runs the rule twice: over the file, and afresh over the ONBUILD triggers alone.
    return [...checkSequence(dockerfile.instructions), ...checkSequence(onbuildTriggers(dockerfile))];
  },
};

/** What the rule knows of defined variables: per-stage ENV names and all ARG names (null: nothing yet). */
interface Variables {
  stage: number;
  aliases: Map<number, string>;
  envs: Map<number, Set<string>>;
  args: Set<string>;
}

function checkSequence(instructions: readonly Instruction[]): RuleHit[] {
  const hits: RuleHit[] = [];
  let vars: Variables | null = null;
  for (const instruction of instructions) {
    switch (instruction.keyword) {
      case 'ENV': {
        const keys = instruction.pairs.map((p) => p.key);
        if (!vars) vars = { stage: 0, aliases: new Map([[0, '']]), envs: new Map([[0, new Set(keys)]]), args: new Set() };
        else for (const key of keys) vars.envs.get(vars.stage)?.add(key);
        break;
      }
      case 'ARG':
        if (!vars) vars = { stage: 0, aliases: new Map([[0, '']]), envs: new Map([[0, new Set()]]), args: new Set() };
        for (const name of argNames(instruction)) vars.args.add(name);
        break;
      case 'FROM':
        vars = enterStage(vars, instruction);
        break;
      case 'RUN': {
        const commands = runCommands(instruction);
        const pinned = packages(commands).every((p) => packageVersionFixed(vars, p)) && modules(commands).every((m) => m.includes(':'));
        if (!pinned) hits.push({ line: instruction.line });
        break;
      }
    }
  }
  return hits;
}

/** A new stage starts with the ENV names of the stage it is built FROM (by alias), else none. */
function enterStage(vars: Variables | null, from: Instruction): Variables {
  const alias = fromAlias(from) ?? '';
  if (!vars) return { stage: 1, aliases: new Map([[1, alias]]), envs: new Map([[1, new Set()]]), args: new Set() };
  const next = vars.stage + 1;
  const image = fromImageName(from);
  const parent = [...vars.aliases.entries()].sort((a, b) => a[0] - b[0]).find(([, name]) => name === image)?.[0];
  vars.aliases.set(next, alias);
  vars.envs.set(next, new Set(parent === undefined ? [] : vars.envs.get(parent) ?? []));
  vars.stage = next;
  return vars;
}

function installArgs(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, DNF, ['install'])) return [];
  return argsNoFlags(command).filter((a) => a !== 'install' && a !== 'module');
}

function packages(commands: ShellCommand[]): string[] {
  return commands.filter((c) => !cmdHasArgs(c, DNF, ['module', 'group'])).flatMap(installArgs);
}

function modules(commands: ShellCommand[]): string[] {
  return commands.filter((c) => cmdHasArgs(c, DNF, ['module'])).flatMap(installArgs);
}

function packageVersionFixed(vars: Variables | null, pkg: string): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false; // no dash: no version
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return variableDefined(vars, pkg);
  return isVersionLike(parts.slice(1));
}

function variableDefined(vars: Variables | null, pkg: string): boolean {
  if (!vars) return false;
  const names = [...(vars.envs.get(vars.stage) ?? []), ...vars.args];
  return names.some((name) => pkg.includes(`\${${name}}`));
}

/** Every part made of version characters and one of them starting with a digit (`9.0.1`, `1:1.1.1k`). */
function isVersionLike(parts: string[]): boolean {
  return parts.length > 0 && parts.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && parts.some((p) => /^[0-9]/.test(p));
}
