import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { cleansAfterInstall } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs } from '../dockerfile/facts/shell.js';
import type { Instruction, ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** Sub-commands that fill dnf's cache. */
const INSTALLS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];

/** hadolint DL3040: dnf's package cache left behind by `dnf install` bloats the layer. */
export const DL3040: Rule = {
  code: 'DL3040', level: 'warning', message: '`dnf clean all` missing after dnf command.',
  check: withOnbuild(simpleRule(leavesDnfCache)),
};

function leavesDnfCache(run: Instruction): boolean {
  const commands = presentCommands(run);
  // dnf and microdnf are judged apart: `microdnf clean all` does not clean after `dnf install`.
  const cleaned = MANAGERS.every((dnf) => cleansAfterInstall(commands, dnf.installs, dnf.cleans));
  return !cleaned && !hasCacheOrTmpfsMountWith(run, '/var/cache/libdnf5') && !hasCacheOrTmpfsMountWith(run, '.cache/libdnf5');
}

const installs = (dnf: string) => (c: ShellCommand) => cmdHasArgs(c, dnf, INSTALLS);

// hadolint matches ANY of the listed words: `dnf clean` or `rm -rf /tmp` count as cleanup too.
const cleans = (dnf: string) => (c: ShellCommand) =>
  cmdHasArgs(c, dnf, ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/libdnf5*']);

/** The tests per manager, made once (the rule asks them of every instruction of every file). */
const MANAGERS = ['dnf', 'microdnf'].map((dnf) => ({ installs: installs(dnf), cleans: cleans(dnf) }));
