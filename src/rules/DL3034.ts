import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasAnyFlag } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

const SUBCOMMANDS = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

/** hadolint DL3034: without a non-interactive switch, zypper waits for an answer no build can give. */
export const DL3034: Rule = {
  code: 'DL3034', level: 'warning', message: 'Non-interactive switch missing from `zypper` command: `zypper install -y`',
  check: withOnbuild(
    simpleRule((run) =>
      presentCommands(run).some((c) => cmdHasArgs(c, 'zypper', SUBCOMMANDS) && !hasAnyFlag(c, ['non-interactive', 'n', 'no-confirm', 'y'])),
    ),
  ),
};
