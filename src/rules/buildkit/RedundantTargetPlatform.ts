import { fromScope } from '../../dockerfile/facts/buildkit-stages.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { flagValue } from '../../dockerfile/facts/instructions.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const redundantTargetPlatform = (platformVar: string): string =>
  `Setting platform to predefined ${platformVar} in FROM is redundant as this is the default behavior`;

/** BuildKit RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), which is what FROM does anyway. */
export const RedundantTargetPlatform: Rule = {
  code: 'RedundantTargetPlatform', level: 'warning', message: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/redundant-target-platform/' },
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    let scope: ReturnType<typeof fromScope> | undefined;
    for (const { from } of dockerfile.stages) {
      const platform = flagValue(from, 'platform');
      if (platform === null || !platform.includes('TARGETPLATFORM')) continue;
      scope ??= fromScope(dockerfile, context.build);
      const { matched, unmatched, result } = processWord(platform, scope.env, { escape: dockerfile.escape });
      // Only TARGETPLATFORM was substituted, and the result is its value: the flag said nothing else.
      if (matched.size === 1 && unmatched.size === 0 && matched.has('TARGETPLATFORM') && result === scope.env.get('TARGETPLATFORM')) {
        hits.push(reportAt(from, redundantTargetPlatform(platform)));
      }
    }
    return hits;
  },
};
