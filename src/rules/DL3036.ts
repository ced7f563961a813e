import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { cleansAfterInstall } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3036: zypper's package cache left behind by `zypper install` bloats the layer. */
export const DL3036: Rule = {
  code: 'DL3036', level: 'warning', message: '`zypper clean` missing after zypper use.',
  // A cache or tmpfs mount keeps the cache out of the image, so there is nothing to clean.
  check: withOnbuild(
    simpleRule((run) => !hasCacheOrTmpfsMountWith(run, '/var/cache/zypp') && !cleansAfterInstall(presentCommands(run), installs, cleans)),
  ),
};

const installs = (c: ShellCommand) => cmdHasArgs(c, 'zypper', ['install', 'in']);
const cleans = (c: ShellCommand) => cmdHasArgs(c, 'zypper', ['clean', 'cc']);
