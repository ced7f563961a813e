import { cleansAfterInstall } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3032: yum's package cache left behind by `yum install` bloats the layer. */
export const DL3032: Rule = {
  code: 'DL3032', level: 'warning', message: '`yum clean all` missing after yum command.',
  check: withOnbuild(simpleRule((run) => !cleansAfterInstall(presentCommands(run), installs, cleans))),
};

const installs = (c: ShellCommand) => cmdHasArgs(c, 'yum', ['install']);

// hadolint matches ANY of the listed words: `yum clean` or `rm -rf /tmp` count as cleanup too.
const cleans = (c: ShellCommand) => cmdHasArgs(c, 'yum', ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/yum/*']);
