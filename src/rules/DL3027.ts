import { usingProgram } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3027: `apt` is an interactive front end whose CLI output and behaviour may change. */
export const DL3027: Rule = {
  code: 'DL3027', level: 'warning', message: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead',
  check: withOnbuild(simpleRule((run) => usingProgram(run, 'apt'))),
};
