import { repeatedInStage } from './repeats.js';
import { over, type Rule } from './rule.js';

/** hadolint DL4003: only the last CMD of a stage takes effect. */
export const DL4003: Rule = {
  code: 'DL4003', level: 'warning',
  message: 'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect',
  check: over(repeatedInStage('CMD')),
};
