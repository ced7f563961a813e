import type { Dockerfile, Instruction, ShellCommand } from '../dockerfile/types.js';
import type { Rule, RuleHit } from './rule.js';
import { fromAlias, fromImageName, hasArgSequence, hasCacheOrTmpfsMountWith, onbuildTriggers, runScript } from './lib/batch-c.js';

const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

/**
 * hadolint DL3042: pip keeps its download cache in the layer unless told not to. Satisfied by
 * `--no-cache-dir`, a truthy `PIP_NO_CACHE_DIR` (ENV of the stage or one it is built FROM, or in the
 * RUN itself), or a cache/tmpfs mount on pip's cache directory.
 */
export const DL3042: Rule = {
  code: 'DL3042',
  level: 'warning',
  message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
  check(dockerfile: Dockerfile) {
    return [...checkSequence(dockerfile.instructions), ...checkSequence(onbuildTriggers(dockerfile))];
  },
};

/** Key of the stage (alias, else image name); null inside ONBUILD triggers, where no FROM is seen. */
type StageKey = string | null;

function checkSequence(instructions: readonly Instruction[]): RuleHit[] {
  const hits: RuleHit[] = [];
  let started = false;
  let current: StageKey = null;
  const noCache = new Map<StageKey, boolean>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const image = fromImageName(instruction);
      const stage = fromAlias(instruction) ?? image;
      // A stage inherits the setting of the stage it is built FROM; the first FROM starts afresh.
      if (started) noCache.set(stage, noCache.get(image) ?? false);
      started = true;
      current = stage;
    } else if (instruction.keyword === 'ENV') {
      const value = instruction.pairs.find((p) => p.key === 'PIP_NO_CACHE_DIR')?.value;
      if (value !== undefined && value !== null && TRUTHY.has(value)) {
        noCache.set(current, true);
        started = true;
      }
    } else if (instruction.keyword === 'RUN' && !runIsFine(instruction, started && noCache.get(current) === true)) {
      hits.push({ line: instruction.line });
    }
  }
  return hits;
}

function runIsFine(run: Instruction, noCacheByEnv: boolean): boolean {
  if (noCacheByEnv) return true;
  if (hasCacheOrTmpfsMountWith(run, '.cache/pip')) return true;
  const shell = runScript(run);
  if (!shell) return true;
  if (noCacheDirInScript(shell.text)) return true;
  return !shell.commands.some(forgotNoCacheDir);
}

/** `PIP_NO_CACHE_DIR=<truthy>` anywhere in the script (the first occurrence decides, as in hadolint). */
function noCacheDirInScript(script: string): boolean {
  const at = script.indexOf('PIP_NO_CACHE_DIR=');
  if (at === -1) return false;
  const value = script.slice(at + 'PIP_NO_CACHE_DIR='.length);
  return [...TRUTHY].some((t) => value.startsWith(t));
}

function forgotNoCacheDir(command: ShellCommand): boolean {
  return isPipInstall(command) && !command.args.includes('--no-cache-dir') && !isPipWrapper(command);
}

export function isPipInstall(command: ShellCommand): boolean {
  return (
    (command.name.startsWith('pip') && command.args.includes('install')) ||
    (command.name.startsWith('python') && hasArgSequence(command, ['-m', 'pip', 'install']))
  );
}

function isPipWrapper(command: ShellCommand): boolean {
  return ['pipx', 'pipenv'].some(
    (w) => command.name.includes(w) || (command.name.startsWith('python') && hasArgSequence(command, ['-m', w])),
  );
}
