import type { ShellCommand } from '../dockerfile/types.js';
import { cleansAfterInstall, cmdHasArgs, hasCacheOrTmpfsMountWith, runRule } from './lib/batch-b.js';

/** Sub-commands that fill dnf's cache. */
const INSTALLS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];

/** hadolint DL3040: dnf's package cache left behind by `dnf install` bloats the layer. */
export const DL3040 = runRule(
  'DL3040',
  'warning',
  '`dnf clean all` missing after dnf command.',
  (commands, run) =>
    // dnf and microdnf are judged apart: `microdnf clean all` does not clean after `dnf install`.
    ['dnf', 'microdnf'].every((dnf) => cleansAfterInstall(commands, installs(dnf), cleans(dnf))) ||
    hasCacheOrTmpfsMountWith(run, '/var/cache/libdnf5') ||
    hasCacheOrTmpfsMountWith(run, '.cache/libdnf5'),
);

const installs = (dnf: string) => (c: ShellCommand) => cmdHasArgs(c, dnf, INSTALLS);

// hadolint matches ANY of the listed words: `dnf clean` or `rm -rf /tmp` count as cleanup too.
const cleans = (dnf: string) => (c: ShellCommand) =>
  cmdHasArgs(c, dnf, ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/libdnf5*']);
