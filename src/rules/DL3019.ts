import { hasCacheOrTmpfsMountWith } from '../dockerfile/facts/mounts.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasFlag } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3019: `apk add` without `--no-cache` leaves apk's index and downloads in the layer. A
 * BuildKit cache or tmpfs mount on `/var/cache/apk` keeps them out, so it silences the rule too.
 * ONBUILD RUN too.
 */
export const DL3019: Rule = {
  code: 'DL3019', level: 'info',
  message:
    'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` ' +
    'when done installing packages',
  check: withOnbuild(
    simpleRule(
      (run) =>
        !hasCacheOrTmpfsMountWith(run, '/var/cache/apk') &&
        presentCommands(run).some((c) => cmdHasArgs(c, 'apk', ['add']) && !hasFlag(c, 'no-cache')),
    ),
  ),
};
