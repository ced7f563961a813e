import { shortDigest } from './verdict-text.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1005: the reference's digest is not the one the policy pins for that tag. */
export const PL1005: Rule = {
  code: 'PL1005', level: 'error', message: 'Use the digest the policy pins for this version',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1005', (verdict) => {
      const { expectedDigest, ref } = verdict;
      if (expectedDigest === null) return null;
      return `${ref.familiar}:${ref.tag} has digest ${shortDigest(ref.digest!)}, but the policy pins ${shortDigest(expectedDigest)} — use ${ref.familiar}:${ref.tag}@${expectedDigest}`;
    });
  },
};
