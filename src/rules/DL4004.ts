import { repeatedInStage } from './repeats.js';
import { over, type Rule } from './rule.js';

/** hadolint DL4004: only the last ENTRYPOINT of a stage takes effect. */
export const DL4004: Rule = {
  code: 'DL4004', level: 'error',
  message:
    'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect',
  check: over(repeatedInStage('ENTRYPOINT')),
};
