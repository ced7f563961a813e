import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3035: `zypper dist-upgrade` can move the image to another distribution release. */
export const DL3035: Rule = {
  code: 'DL3035', level: 'warning', message: 'Do not use `zypper dist-upgrade`.',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some((c) => cmdHasArgs(c, 'zypper', ['dist-upgrade', 'dup'])))),
};
