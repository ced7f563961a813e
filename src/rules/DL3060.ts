import { imageName, stageAlias } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import { withOnbuild, type Rule, type RuleHit } from './rule.js';

/**
 * hadolint DL3060: `yarn install` leaves its cache in the layer unless `yarn cache clean` runs after
 * it in the same RUN, or the cache directory is a cache/tmpfs mount. Only stages that end up in the
 * image count: the last stage and stages other stages are built FROM.
 */
export const DL3060: Rule = {
  code: 'DL3060', level: 'info', message: '`yarn cache clean` missing after `yarn install` was run.',
  check: withOnbuild(yarnCaches),
};

interface Stage {
  /** Identity of the FROM as written (hadolint compares whole base images). */
  key: string;
  alias: string | null;
}

/** Before any FROM (in ONBUILD triggers) hadolint files findings under a `scratch` placeholder. */
const SCRATCH: Stage = { key: '|scratch|', alias: null };

function yarnCaches(instructions: readonly Instruction[]): RuleHit[] {
  let current: Stage | null = null;
  const builtFrom = new Set<string>(); // image names that FROM lines use
  const uncleaned: Array<{ line: number; stage: Stage }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const alias = stageAlias(instruction);
      const word = instruction.words[0]?.value ?? '';
      current = { key: `${flagValue(instruction, 'platform') ?? ''}|${word}|${alias ?? ''}`, alias };
      builtFrom.add(imageName(instruction));
    } else if (instruction.keyword === 'RUN' && leavesYarnCache(instruction)) {
      current ??= SCRATCH;
      uncleaned.push({ line: instruction.line, stage: current });
    }
  }
  const last = current;
  return uncleaned
    .filter(({ stage }) => stage.key === last?.key || (stage.alias !== null && builtFrom.has(stage.alias)))
    .map(({ line }) => ({ line }));
}

/**
 * As hadolint master reads it: a `yarn install` with no `yarn cache`/`yarn clean` command (unless a
 * cache or tmpfs mount holds the cache), or whose first such command comes before the first install.
 */
function leavesYarnCache(run: Instruction): boolean {
  const commands = presentCommands(run);
  const install = commands.findIndex(isYarnInstall);
  if (install === -1) return false;
  const clean = commands.findIndex(isYarnCacheClean);
  return clean === -1 ? !hasCacheOrTmpfsMountWith(run, '.cache/yarn') : clean < install;
}

const isYarnInstall = (command: ShellCommand) => cmdHasArgs(command, 'yarn', ['install']);
// hadolint matches ANY of the words: `yarn cache list` counts as the cleanup too.
const isYarnCacheClean = (command: ShellCommand) => cmdHasArgs(command, 'yarn', ['cache', 'clean']);
