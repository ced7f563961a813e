import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL4005: relinking /bin/sh changes the shell behind Docker's back; SHELL says it openly. */
export const DL4005: Rule = {
  code: 'DL4005', level: 'warning', message: 'Use SHELL to change the default shell',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some((c) => cmdHasArgs(c, 'ln', ['/bin/sh'])))),
};
