import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import type { Rule, RuleHit } from './rule.js';
import { argsNoFlags, cmdHasArgs, fromAlias, fromImage, onbuildTriggers, runCommands } from './lib/batch-b.js';

/**
 * hadolint DL3033: an unpinned `yum install` installs whatever version is newest today.
 * A version given by a variable (`git-core-${VERSION}`) counts as pinned when an ARG, or an ENV of the
 * current stage (inherited through `FROM <stage>`), defines that variable before the RUN.
 */
export const DL3033: Rule = {
  code: 'DL3033',
  level: 'warning',
  message: 'Specify version with `yum install -y <package>-<version>`.',
  check(dockerfile) {
    // hadolint runs the rule twice: over the file, and afresh over the ONBUILD triggers alone.
    return [...checkSequence(dockerfile.instructions), ...checkSequence(onbuildTriggers(dockerfile))];
  },
};

/** Variables the rule knows of: ENV names per stage, ARG names from anywhere before. */
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
    const keys = instruction.pairs.map((p) => p.key);
    switch (instruction.keyword) {
      case 'ENV':
        vars ??= emptyVariables();
        for (const key of keys) vars.envs.get(vars.stage)?.add(key);
        break;
      case 'ARG':
        vars ??= emptyVariables();
        for (const key of keys) vars.args.add(key);
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

/** State when an ENV or ARG comes before any FROM: stage 0. */
function emptyVariables(): Variables {
  return { stage: 0, aliases: new Map([[0, '']]), envs: new Map([[0, new Set()]]), args: new Set() };
}

/** A new stage starts with the ENV names of the earlier stage it is built FROM (by alias), else none. */
function enterStage(vars: Variables | null, from: Instruction): Variables {
  const alias = fromAlias(from) ?? '';
  if (!vars) return { stage: 1, aliases: new Map([[1, alias]]), envs: new Map([[1, new Set()]]), args: new Set() };
  const next = vars.stage + 1;
  const image = fromImage(from.words[0]?.value ?? '').name;
  const parent = [...vars.aliases.entries()].sort((a, b) => a[0] - b[0]).find(([, name]) => name === image)?.[0];
  vars.aliases.set(next, alias);
  vars.envs.set(next, new Set(parent === undefined ? [] : vars.envs.get(parent)));
  vars.stage = next;
  return vars;
}

function installArgs(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, 'yum', ['install'])) return [];
  return argsNoFlags(command).filter((a) => a !== 'install' && a !== 'module');
}

function packages(commands: ShellCommand[]): string[] {
  return commands.filter((c) => !cmdHasArgs(c, 'yum', ['module'])).flatMap(installArgs);
}

function modules(commands: ShellCommand[]): string[] {
  return commands.filter((c) => cmdHasArgs(c, 'yum', ['module'])).flatMap(installArgs);
}

function packageVersionFixed(vars: Variables | null, pkg: string): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false; // no dash: no version
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return variableDefined(vars, pkg);
  return isVersionLike(parts.slice(1));
}

/** hadolint reads `$v` and `${v}` alike (ShellCheck writes both as `${v}`). */
function variableDefined(vars: Variables | null, pkg: string): boolean {
  if (!vars) return false;
  const braced = pkg.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '${$1}');
  const names = [...(vars.envs.get(vars.stage) ?? []), ...vars.args];
  return names.some((name) => braced.includes(`\${${name}}`));
}

/** Every part made of version characters, and one of them starting with a digit (`9.2`, `1:1.1.1k`). */
function isVersionLike(parts: string[]): boolean {
  return parts.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && parts.some((p) => /^[0-9]/.test(p));
}
