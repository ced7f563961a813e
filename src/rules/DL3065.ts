import { flagValue } from '../dockerfile/facts/instructions.js';
import { over, simpleRule, type Rule } from './rule.js';

/** hadolint DL3065: `FROM --platform=$TARGETPLATFORM` says what BuildKit does anyway. */
export const DL3065: Rule = {
  code: 'DL3065', level: 'warning',
  message: 'Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior',
  check: over(simpleRule((i) => i.keyword === 'FROM' && ['$TARGETPLATFORM', '${TARGETPLATFORM}'].includes(flagValue(i, 'platform') ?? ''))),
};
