import type { ShellCommand } from '../dockerfile/types.js';
import { cleansAfterInstall, cmdHasArgs, hasCacheOrTmpfsMountWith, runRule } from './lib/batch-b.js';

/** hadolint DL3036: zypper's package cache left behind by `zypper install` bloats the layer. */
export const DL3036 = runRule(
  'DL3036',
  'warning',
  '`zypper clean` missing after zypper use.',
  // A cache or tmpfs mount keeps the cache out of the image, so there is nothing to clean.
  (commands, run) => hasCacheOrTmpfsMountWith(run, '/var/cache/zypp') || cleansAfterInstall(commands, installs, cleans),
);

const installs = (c: ShellCommand) => cmdHasArgs(c, 'zypper', ['install', 'in']);
const cleans = (c: ShellCommand) => cmdHasArgs(c, 'zypper', ['clean', 'cc']);
