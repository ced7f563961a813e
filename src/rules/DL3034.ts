import { cmdHasArgs, hasAnyFlag, runRule } from './lib/batch-b.js';

const SUBCOMMANDS = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

/** hadolint DL3034: without a non-interactive switch, zypper waits for an answer no build can give. */
export const DL3034 = runRule(
  'DL3034',
  'warning',
  'Non-interactive switch missing from `zypper` command: `zypper install -y`',
  (commands) =>
    !commands.some(
      (c) => cmdHasArgs(c, 'zypper', SUBCOMMANDS) && !hasAnyFlag(c, ['non-interactive', 'n', 'no-confirm', 'y']),
    ),
);
