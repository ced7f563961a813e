import { flagValue } from '../dockerfile/facts/instructions.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL3029: a fixed `--platform` pins the build to one architecture. The build's own platform
 * variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are the accepted use.
 */
export const DL3029: Rule = {
  code: 'DL3029', level: 'warning', message: 'Do not use --platform flag with FROM',
  check: over(simpleRule((i) => i.keyword === 'FROM' && pinsPlatform(i))),
};

function pinsPlatform(from: Instruction): boolean {
  const platform = flagValue(from, 'platform');
  return platform !== null && platform !== '' && !/BUILDPLATFORM|TARGETPLATFORM/.test(platform);
}
