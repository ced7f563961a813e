import { describeImage, useInstead } from './verdict-text.js';
import { suggestion } from '../policy/evaluate.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1002: the version is banned by policy; the message carries the policy's reason. */
export const PL1002: Rule = {
  code: 'PL1002', level: 'error', message: 'Do not use a version the policy bans',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1002', (verdict, policy) => {
      const { banned } = verdict;
      if (!banned) return null;
      const which = banned.versions === null ? 'every version' : `"${banned.versions}"`;
      const reason = banned.reason ? `: ${banned.reason}` : '';
      return `${describeImage(verdict)} is banned by policy (${which})${reason}${useInstead(suggestion(policy, verdict))}`;
    });
  },
};
