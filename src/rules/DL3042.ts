import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { packageInstall } from '../dockerfile/facts/packages.js';
import { StageSwitch } from '../dockerfile/facts/scope.js';
import { hadolintScript, presentCommands } from '../dockerfile/facts/scripts.js';
import { hasArgs } from '../dockerfile/facts/shell.js';
import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import { customRule, withOnbuild, type Rule } from './rule.js';

const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

/**
 * hadolint DL3042: pip keeps its download cache in the layer unless told not to. Satisfied by
 * `--no-cache-dir`, a truthy `PIP_NO_CACHE_DIR` (ENV of the stage or one it is built FROM, or in the
 * RUN itself), or a cache/tmpfs mount on pip's cache directory.
 */
export const DL3042: Rule = {
  code: 'DL3042', level: 'warning', message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
  check: withOnbuild(customRule(() => new StageSwitch(), leavesPipCache)),
};

function leavesPipCache(noCache: StageSwitch, instruction: Instruction): boolean {
  noCache.step(instruction);
  const value = instruction.keyword === 'ENV' ? instruction.pairs.find((p) => p.key === 'PIP_NO_CACHE_DIR')?.value : null;
  if (value && TRUTHY.has(value)) noCache.turnOn();
  return instruction.keyword === 'RUN' && !runIsFine(instruction, noCache.isOn);
}

function runIsFine(run: Instruction, noCacheByEnv: boolean): boolean {
  if (noCacheByEnv || hasCacheOrTmpfsMountWith(run, '.cache/pip')) return true;
  const script = hadolintScript(run);
  return script === null || noCacheDirInScript(script.text) || !presentCommands(run).some(forgotNoCacheDir);
}

/** `PIP_NO_CACHE_DIR=<truthy>` anywhere in the script (the first occurrence decides, as in hadolint). */
function noCacheDirInScript(script: string): boolean {
  const at = script.indexOf('PIP_NO_CACHE_DIR=');
  if (at === -1) return false;
  const value = script.slice(at + 'PIP_NO_CACHE_DIR='.length);
  return [...TRUTHY].some((t) => value.startsWith(t));
}

function forgotNoCacheDir(command: ShellCommand): boolean {
  return packageInstall(command)?.manager === 'pip' && !command.args.includes('--no-cache-dir') && !isPipWrapper(command);
}

function isPipWrapper(command: ShellCommand): boolean {
  return ['pipx', 'pipenv'].some(
    (w) => command.name.includes(w) || (command.name.startsWith('python') && hasArgs(command, ['-m', w])),
  );
}
