import { cmdHasArgs, hasAnyFlag, runRule } from './lib/batch-b.js';

/** hadolint DL3030: without `-y`, `yum install` waits for an answer no build can give. */
export const DL3030 = runRule(
  'DL3030',
  'warning',
  'Use the -y switch to avoid manual input `yum install -y <package>`',
  (commands) =>
    !commands.some(
      (c) => cmdHasArgs(c, 'yum', ['install', 'groupinstall', 'localinstall']) && !hasAnyFlag(c, ['y', 'assumeyes']),
    ),
);
