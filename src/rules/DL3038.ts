import { cmdHasArgs, hasAnyFlag, runRule } from './lib/batch-b.js';

/** hadolint DL3038: without `-y`, `dnf install` waits for an answer no build can give. */
export const DL3038 = runRule(
  'DL3038',
  'warning',
  'Use the -y switch to avoid manual input `dnf install -y <package>`',
  (commands) =>
    !commands.some(
      (c) =>
        cmdHasArgs(c, ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall']) && !hasAnyFlag(c, ['y', 'assumeyes']),
    ),
);
