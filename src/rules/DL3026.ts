import { fromImage, imageFromText, stageAlias, type HadolintImage } from '../dockerfile/facts/images.js';
import { flagValue } from '../dockerfile/facts/instructions.js';
import { runMounts } from '../dockerfile/facts/mounts.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, type Rule, type RuleContext, type RuleHit } from './rule.js';

/**
 * hadolint DL3026: images may only come from the registries in `trustedRegistries` (none set: the rule
 * is quiet). Checks FROM, `COPY --from=` and `RUN --mount=type=bind|cache,from=`. `*` trusts every
 * registry, `*.example.com` any registry ending in `.example.com`, `example.*` any starting with
 * `example.`. An image written without a registry (`node`, `acme/app`, and, as in hadolint, even
 * `localhost:5000/app`) comes from Docker Hub, trusted through `docker.io` or `hub.docker.com`.
 */
export const DL3026: Rule = {
  code: 'DL3026', level: 'error', message: 'Use only an allowed registry in the FROM image',
  check: over(untrustedImages),
};

function untrustedImages(instructions: readonly Instruction[], _dockerfile: unknown, { settings }: RuleContext): RuleHit[] {
  const trusted = settings.trustedRegistries;
  if (trusted.length === 0) return [];
  const hits: RuleHit[] = [];
  const stageNames = new Set<string>(); // names of the stages above, as written
  const allowed = (image: HadolintImage) => stageNames.has(image.name) || isTrusted(image, trusted);
  for (const instruction of instructions) {
    let ok = true;
    if (instruction.keyword === 'FROM') {
      ok = allowed(fromImage(instruction.words[0]?.value ?? ''));
      const alias = stageAlias(instruction);
      if (alias !== null) stageNames.add(alias);
    } else {
      ok = pulledImages(instruction).every((text) => allowed(imageFromText(text)));
    }
    if (!ok) hits.push({ line: instruction.line });
  }
  return hits;
}

/** Images a COPY or RUN pulls besides the FROMs. A bind or cache mount without `from` uses scratch. */
function pulledImages(instruction: Instruction): string[] {
  if (instruction.keyword === 'COPY') {
    const source = flagValue(instruction, 'from');
    return source === null ? [] : [source];
  }
  if (instruction.keyword === 'RUN') {
    return runMounts(instruction)
      .filter((m) => m.type === 'bind' || m.type === 'cache')
      .map((m) => m.from ?? 'scratch');
  }
  return [];
}

function isTrusted(image: HadolintImage, trusted: readonly string[]): boolean {
  const matches = (registry: string) => trusted.some((pattern) => registryMatches(pattern, registry));
  if (image.registry !== null) return matches(image.registry);
  return image.name === 'scratch' || matches('docker.io') || matches('hub.docker.com');
}

function registryMatches(pattern: string, registry: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}
