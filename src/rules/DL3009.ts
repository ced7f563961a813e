import type { Dockerfile, Instruction, ParsedShell } from '../dockerfile/types.js';
import { cmdHasArgs, runMounts, scriptOf } from './lib/batch-a.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * hadolint DL3009 as on master (src/Hadolint/Rule/DL3009.hs at 2250aa4): a RUN that runs
 * `apt-get update` without `rm -rf /var/lib/apt/lists/*` in the same RUN leaves the lists in the
 * layer. Only layers that end up in an image matter, so a RUN is reported when its stage is the last
 * one, or when its stage's alias is used as an image name by some FROM. BuildKit cache mounts on
 * `/var/lib/apt/lists`, or on both `/var/lib/apt` and `/var/cache/apt`, keep the lists out.
 */
export const DL3009: Rule = {
  code: 'DL3009',
  level: 'info',
  message: 'Delete the apt-get lists after installing something.',
  check(dockerfile) {
    // hadolint runs the rule twice: over the plain instructions, and over ONBUILD triggers alone.
    // The ONBUILD pass sees no FROM, so every trigger it remembers counts as "last stage".
    return [...plainRuns(dockerfile), ...onbuildRuns(dockerfile)].sort((a, b) => a.line - b.line);
  },
};

/** What hadolint compares FROMs by (image, tag, digest, alias, platform); a file without FROM starts as `scratch`. */
const IMPLICIT_FROM = fromKey('scratch', null, null);

function plainRuns(dockerfile: Dockerfile): RuleHit[] {
  let lastFrom = IMPLICIT_FROM;
  const imageNames = new Set<string>();
  const forgotten: { line: number; from: string; alias: string | null }[] = [];
  let alias: string | null = null;
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', , name = null] = instruction.words.map((word) => word.value);
      alias = name;
      lastFrom = fromKey(image, alias, instruction.flags.find((flag) => flag.name === 'platform')?.value ?? null);
      imageNames.add(imageName(image));
    } else if (instruction.keyword === 'RUN' && leavesAptLists(instruction)) {
      forgotten.push({ line: instruction.line, from: lastFrom, alias });
    }
  }
  return forgotten
    .filter(({ from, alias }) => from === lastFrom || (alias !== null && imageNames.has(alias)))
    .map(({ line }) => ({ line }));
}

function onbuildRuns(dockerfile: Dockerfile): RuleHit[] {
  return dockerfile.instructions
    .filter((instruction) => instruction.keyword === 'ONBUILD' && instruction.trigger?.keyword === 'RUN')
    .filter((instruction) => leavesAptLists(instruction.trigger!))
    .map(({ line }) => ({ line }));
}

function leavesAptLists(run: Instruction): boolean {
  if (!forgotToCleanup(scriptOf(run))) return false;
  return !(hasCacheMountUnder(run, '/var/lib/apt/lists') ||
    (hasCacheMountUnder(run, '/var/lib/apt') && hasCacheMountUnder(run, '/var/cache/apt')));
}

/**
 * `apt-get update` with no `rm` of the lists. Like hadolint, any `rm` given `-rf` or
 * `/var/lib/apt/lists/*` counts as the cleanup.
 */
function forgotToCleanup(shell: ParsedShell | null): boolean {
  const commands = shell?.commands ?? [];
  return commands.some((c) => cmdHasArgs(c, 'apt-get', ['update'])) &&
    !commands.some((c) => cmdHasArgs(c, 'rm', ['-rf', '/var/lib/apt/lists/*']));
}

/** A `type=cache` mount (not tmpfs, unlike newer rules) whose target starts with `dir`. */
function hasCacheMountUnder(run: Instruction, dir: string): boolean {
  return runMounts(run).some((mount) => mount.type === 'cache' && mount.target.startsWith(dir));
}

function fromKey(image: string, alias: string | null, platform: string | null): string {
  return JSON.stringify([image, alias, platform]);
}

/** language-docker's image name: tag and digest dropped, a leading registry host (`a.b`, `h:5000`, `localhost`) too. */
function imageName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const withoutTag = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const [first, ...rest] = withoutTag.split('/');
  const isRegistry = rest.length > 0 && (first!.includes('.') || first!.includes(':') || first === 'localhost');
  return isRegistry ? rest.join('/') : withoutTag;
}
