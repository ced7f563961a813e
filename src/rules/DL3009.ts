import { imageName, stageAlias } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import type { Instruction } from '../dockerfile/types.js';
import { withOnbuild, type Rule, type RuleHit } from './rule.js';

/**
 * hadolint DL3009 (as on master): a RUN that runs `apt-get update`, `apt update` or
 * `aptitude update` without `rm -rf /var/lib/apt/lists/*` in the same RUN leaves the lists in the
 * layer. Only layers that end up in an image matter: a RUN is reported when its stage is the last
 * one, or when its stage's alias is used as an image name by some FROM. A BuildKit cache or tmpfs
 * mount on `/var/lib/apt/lists`, or on both `/var/lib/apt` and `/var/cache/apt`, keeps the lists out.
 */
export const DL3009: Rule = {
  code: 'DL3009', level: 'info', message: 'Delete the apt lists (/var/lib/apt/lists) after installing something',
  // In the ONBUILD pass no FROM is seen, so every trigger counts as being in the last stage.
  check: withOnbuild(forgottenLists),
};

/** What hadolint compares FROMs by; a file without FROM starts as `scratch`. */
const IMPLICIT_FROM = fromKey('scratch', null, null);

function forgottenLists(instructions: readonly Instruction[]): RuleHit[] {
  let lastFrom = IMPLICIT_FROM;
  let alias: string | null = null;
  const imageNames = new Set<string>();
  const forgotten: { line: number; from: string; alias: string | null }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      alias = stageAlias(instruction);
      lastFrom = fromKey(instruction.words[0]?.value ?? '', alias, flagValue(instruction, 'platform'));
      imageNames.add(imageName(instruction));
    } else if (instruction.keyword === 'RUN' && leavesAptLists(instruction)) {
      forgotten.push({ line: instruction.line, from: lastFrom, alias });
    }
  }
  return forgotten
    .filter(({ from, alias }) => from === lastFrom || (alias !== null && imageNames.has(alias)))
    .map(({ line }) => ({ line }));
}

const UPDATES = ['apt-get', 'apt', 'aptitude'];

function leavesAptLists(run: Instruction): boolean {
  const commands = presentCommands(run);
  // Like hadolint, any `rm` given `-rf` or `/var/lib/apt/lists/*` counts as the cleanup.
  const forgot = commands.some((c) => cmdHasArgs(c, UPDATES, ['update'])) &&
    !commands.some((c) => cmdHasArgs(c, 'rm', ['-rf', '/var/lib/apt/lists/*']));
  if (!forgot) return false;
  return !(hasCacheOrTmpfsMountWith(run, '/var/lib/apt/lists') ||
    (hasCacheOrTmpfsMountWith(run, '/var/lib/apt') && hasCacheOrTmpfsMountWith(run, '/var/cache/apt')));
}

function fromKey(image: string, alias: string | null, platform: string | null): string {
  return JSON.stringify([image, alias, platform]);
}
