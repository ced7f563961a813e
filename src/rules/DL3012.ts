import { repeatedInStage } from './repeats.js';
import { over, type Rule } from './rule.js';

/**
 * hadolint DL3012: only the last HEALTHCHECK of a stage takes effect, so an earlier one is dead
 * code. Every HEALTHCHECK after the first in a stage is reported; a FROM starts counting again.
 */
export const DL3012: Rule = {
  code: 'DL3012', level: 'error', message: 'Multiple `HEALTHCHECK` instructions',
  check: over(repeatedInStage('HEALTHCHECK')),
};
