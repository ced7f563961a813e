import type { ShellCommand } from '../dockerfile/types.js';
import { cleansAfterInstall, cmdHasArgs, runRule } from './lib/batch-b.js';

/** hadolint DL3032: yum's package cache left behind by `yum install` bloats the layer. */
export const DL3032 = runRule(
  'DL3032',
  'warning',
  '`yum clean all` missing after yum command.',
  (commands) => cleansAfterInstall(commands, installs, cleans),
);

const installs = (c: ShellCommand) => cmdHasArgs(c, 'yum', ['install']);

// hadolint matches ANY of the listed words: `yum clean` or `rm -rf /tmp` count as cleanup too.
const cleans = (c: ShellCommand) => cmdHasArgs(c, 'yum', ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/yum/*']);
