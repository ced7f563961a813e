import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const maintainerDeprecated = (): string => 'Maintainer instruction is deprecated in favor of using label';

/** BuildKit MaintainerDeprecated: every top-level MAINTAINER (an ONBUILD's is not read until a child build). */
export const MaintainerDeprecated: Rule = {
  code: 'MaintainerDeprecated', level: 'warning', message: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  buildkit: { parsePhase: true, url: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'MAINTAINER') hits.push(reportAt(instruction, maintainerDeprecated()));
    }
    return hits;
  },
};
