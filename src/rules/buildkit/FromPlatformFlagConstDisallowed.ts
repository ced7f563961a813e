import { fromScope } from '../../dockerfile/facts/buildkit-stages.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { flagValue } from '../../dockerfile/facts/instructions.js';
import { parsePlatform } from '../../dockerfile/facts/platforms.js';
import type { Rule, RuleHit } from '../rule.js';
import { goQuote } from './go-quote.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const fromPlatformFlagConstDisallowed = (platform: string): string => `FROM --platform flag should not use constant value ${goQuote(platform)}`;

/**
 * BuildKit FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64`, a constant that pins the
 * stage to one platform, unless the stage's name mentions that OS or architecture
 * (`AS build-amd64`: pinning is then what the stage is for).
 */
export const FromPlatformFlagConstDisallowed: Rule = {
  code: 'FromPlatformFlagConstDisallowed', level: 'warning', message: 'FROM --platform flag should not use a constant value',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/from-platform-flag-const-disallowed/' },
  check(dockerfile, context) {
    const hits: RuleHit[] = [];
    let scope: ReturnType<typeof fromScope> | undefined;
    for (const stage of dockerfile.stages) {
      const platform = flagValue(stage.from, 'platform');
      if (platform === null) continue;
      scope ??= fromScope(dockerfile, context.build);
      const { matched, unmatched, result } = processWord(platform, scope.env, { escape: dockerfile.escape });
      if (matched.size > 0 || unmatched.size > 0) continue;
      const parsed = parsePlatform(result);
      if (parsed === null) continue;
      const name = stage.name?.toLowerCase() ?? '';
      if (name.includes(parsed.os) || name.includes(parsed.architecture)) continue;
      hits.push(reportAt(stage.from, fromPlatformFlagConstDisallowed(result)));
    }
    return hits;
  },
};
