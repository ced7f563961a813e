import { usingProgram } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3004: builds already run as root (or as USER); `sudo` only adds a TTY-dependent wrapper. */
export const DL3004: Rule = {
  code: 'DL3004', level: 'error',
  message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
  check: withOnbuild(simpleRule((run) => usingProgram(run, 'sudo'))),
};
