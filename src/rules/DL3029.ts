import type { Rule } from './rule.js';
import { flagValue } from './lib/batch-b.js';

/**
 * hadolint DL3029: a fixed `--platform` pins the build to one architecture. The build's own platform
 * variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are the accepted use.
 */
export const DL3029: Rule = {
  code: 'DL3029',
  level: 'warning',
  message: 'Do not use --platform flag with FROM',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'FROM')
      .filter((from) => {
        const platform = flagValue(from, 'platform');
        return platform !== null && platform !== '' && !/BUILDPLATFORM|TARGETPLATFORM/.test(platform);
      })
      .map((from) => ({ line: from.line }));
  },
};
