import { DEFAULT_BUILD_PLATFORM, imageConfigKey } from '../../dockerfile/build-facts.js';
import { fromScope } from '../../dockerfile/facts/buildkit-stages.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { flagValue } from '../../dockerfile/facts/instructions.js';
import { formatPlatform, parsePlatform } from '../../dockerfile/facts/platforms.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const invalidBaseImagePlatform = (image: string, expected: string, actual: string): string =>
  `Base image ${image} was pulled with platform ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} for current build`;

/**
 * BuildKit InvalidBaseImagePlatform: the base image the build would pull is built for another OS or
 * architecture than the stage targets (its `--platform`, else the build's platform, linux/amd64
 * unless told). Needs the image's config from a registry, fetched before linting
 * (`BuildFacts.images`); without it the rule says nothing.
 */
export const InvalidBaseImagePlatform: Rule = {
  code: 'InvalidBaseImagePlatform', level: 'warning', message: 'Base image platform does not match expected target platform',
  buildkit: {},
  check(dockerfile, context) {
    const images = context.build?.images;
    if (images === undefined || images.size === 0) return [];
    const scope = fromScope(dockerfile, context.build);
    const hits: RuleHit[] = [];
    for (const { from, image } of dockerfile.stages) {
      if (image.kind !== 'image' || image.ref === null) continue;
      const config = images.get(imageConfigKey(image.ref));
      if (config === undefined) continue;
      const written = flagValue(from, 'platform');
      const expected = parsePlatform(written === null ? (context.build?.platform ?? DEFAULT_BUILD_PLATFORM) : processWord(written, scope.env).result);
      if (expected === null || (expected.os === config.os && expected.architecture === config.architecture)) continue;
      const name = processWord(from.words[0]?.value ?? '', scope.env, { escape: dockerfile.escape }).result;
      hits.push(reportAt(from, invalidBaseImagePlatform(name, formatPlatform(expected), formatPlatform(config)), false));
    }
    return hits;
  },
};
