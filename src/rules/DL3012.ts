import type { Rule, RuleHit } from './rule.js';

/**
 * hadolint DL3012: only the last HEALTHCHECK of a stage takes effect, so an earlier one is dead
 * code. Every HEALTHCHECK after the first in a stage is reported; a FROM starts counting again.
 */
export const DL3012: Rule = {
  code: 'DL3012',
  level: 'error',
  message: 'Multiple `HEALTHCHECK` instructions.',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    let seen = false;
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') seen = false;
      if (instruction.keyword !== 'HEALTHCHECK') continue;
      if (seen) hits.push({ line: instruction.line });
      seen = true;
    }
    return hits;
  },
};
