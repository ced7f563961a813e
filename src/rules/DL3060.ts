import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import type { Rule, RuleHit } from './rule.js';
import { cmdHasArgs, flagValue, fromAlias, fromImageName, hasCacheOrTmpfsMountWith, onbuildTriggers, runCommands } from './lib/batch-c.js';

/**
 * hadolint DL3060: `yarn install` leaves its cache in the layer unless `yarn cache clean` runs after
 * it in the same RUN, or the cache directory is a cache/tmpfs mount. Only stages that end up in the
 * image count: the last stage and stages other stages are built FROM.
 */
export const DL3060: Rule = {
  code: 'DL3060',
  level: 'info',
  message: '`yarn cache clean` missing after `yarn install` was run.',
  check(dockerfile) {
    return [...checkSequence(dockerfile.instructions), ...checkSequence(onbuildTriggers(dockerfile))];
  },
};

interface Stage {
  /** Identity of the FROM as written (hadolint compares whole base images). */
  key: string;
  alias: string | null;
}

/** Before any FROM (in ONBUILD triggers) hadolint files findings under a `scratch` placeholder. */
const SCRATCH: Stage = { key: '|scratch|', alias: null };

function checkSequence(instructions: readonly Instruction[]): RuleHit[] {
  let current: Stage | null = null;
  const builtFrom = new Set<string>(); // image names that FROM lines use
  const uncleaned: Array<{ line: number; stage: Stage }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const alias = fromAlias(instruction);
      const word = instruction.words[0]?.value ?? '';
      current = { key: `${flagValue(instruction, 'platform') ?? ''}|${word}|${alias ?? ''}`, alias };
      builtFrom.add(fromImageName(instruction));
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

function leavesYarnCache(run: Instruction): boolean {
  if (hasCacheOrTmpfsMountWith(run, '.cache/yarn')) return false;
  const commands = runCommands(run);
  const lastInstall = findLastIndex(commands, (c) => cmdHasArgs(c, ['yarn'], ['install']));
  const lastClean = findLastIndex(commands, isYarnCacheClean);
  return lastInstall !== -1 && lastClean < lastInstall;
}

function isYarnCacheClean(command: ShellCommand): boolean {
  return command.name === 'yarn' && command.args.includes('cache') && command.args.includes('clean');
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}
