import { usingProgram } from '../dockerfile/facts/scripts.js';
import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL3003: `cd` inside RUN lasts one instruction and hides where files go; WORKDIR says it
 * once for all that follow. hadolint does not look inside ONBUILD for this one.
 */
export const DL3003: Rule = {
  code: 'DL3003', level: 'warning', message: 'Use WORKDIR to switch to a directory',
  check: over(simpleRule((run) => usingProgram(run, 'cd'))),
};
