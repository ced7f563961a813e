import { cmdHasArgs, hasCacheOrTmpfsMountWith, hasFlag, runScripts } from './lib/batch-a.js';
import type { Rule } from './rule.js';

/**
 * hadolint DL3019 as on master: `apk add` without `--no-cache` leaves apk's index and downloads in
 * the layer. A BuildKit cache or tmpfs mount on `/var/cache/apk` keeps them out, so it silences the
 * rule too. ONBUILD RUN too.
 */
export const DL3019: Rule = {
  code: 'DL3019',
  level: 'info',
  message:
    'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` ' +
    'when done installing packages',
  check(dockerfile) {
    return runScripts(dockerfile, { onbuild: true })
      .filter(({ run }) => !hasCacheOrTmpfsMountWith(run, '/var/cache/apk'))
      .filter(({ shell }) =>
        (shell?.commands ?? []).some((c) => cmdHasArgs(c, 'apk', ['add']) && !hasFlag(c, 'no-cache')),
      )
      .map(({ line }) => ({ line }));
  },
};
