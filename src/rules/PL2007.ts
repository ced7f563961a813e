import { runScript } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * PL2007: a RUN script too long for the shell parser is not read, so no RUN rule (hadolint's or
 * Plimsoll's) can judge it; say so instead of passing it silently. Shell form, exec form and
 * heredoc scripts alike; ONBUILD RUN too.
 */
export const PL2007: Rule = {
  code: 'PL2007', level: 'warning', message: 'RUN script too long to check: no RUN rule looked at it',
  check: withOnbuild(simpleRule((run) => runScript(run)?.unread === true)),
};
