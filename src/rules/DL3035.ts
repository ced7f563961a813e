import { cmdHasArgs, runRule } from './lib/batch-b.js';

/** hadolint DL3035: `zypper dist-upgrade` can move the image to another distribution release. */
export const DL3035 = runRule(
  'DL3035',
  'warning',
  'Do not use `zypper dist-upgrade`.',
  (commands) => !commands.some((c) => cmdHasArgs(c, 'zypper', ['dist-upgrade', 'dup'])),
);
