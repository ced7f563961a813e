import { fromScope } from '../../dockerfile/facts/buildkit-stages.js';
import { processWord } from '../../dockerfile/facts/buildkit-words.js';
import { parseImageReference } from '../../dockerfile/reference.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const invalidDefaultArgInFrom = (baseName: string): string => `Default value for ARG ${baseName} results in empty or invalid base image name`;

/**
 * BuildKit InvalidDefaultArgInFrom: with only the ARG defaults (no build argument given), a FROM's
 * image expands to nothing or to no valid image reference (`FROM busybox:$VERSION` with
 * `ARG VERSION` and no default). A FROM BuildKit cannot expand at all ends the check.
 */
export const InvalidDefaultArgInFrom: Rule = {
  code: 'InvalidDefaultArgInFrom', level: 'warning', message: 'Default value for global ARG results in an empty or invalid base image name',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/invalid-default-arg-in-from/' },
  check(dockerfile, context) {
    if (dockerfile.stages.length === 0) return [];
    const scope = fromScope(dockerfile, context.build);
    const hits: RuleHit[] = [];
    for (const { from } of dockerfile.stages) {
      const baseName = from.words[0]?.value ?? '';
      const expanded = processWord(baseName, scope.env, { escape: dockerfile.escape });
      if (expanded.error !== null) break;
      if (!isNormalizedNamed(expanded.result)) hits.push(reportAt(from, invalidDefaultArgInFrom(baseName), false));
    }
    return hits;
  },
};

/** distribution/reference `ParseNormalizedNamed` succeeds. */
function isNormalizedNamed(text: string): boolean {
  if (/^[a-f0-9]{64}$/.test(text) || text !== text.trim()) return false;
  const ref = parseImageReference(text);
  return ref !== null && ref.repository.length <= 255;
}
