import { digestToPin } from '../policy/digests.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/**
 * PL1008: with `require-digest: true` in the policy, every image reference carries a digest. The
 * message gives the digest to pin: the policy's for that tag, else the registry's (when one was
 * asked), so the fix is a copy and paste.
 */
export const PL1008: Rule = {
  code: 'PL1008',
  level: 'error',
  message: 'Pin the image to a digest: the policy requires one on every image reference',
  check(dockerfile, context) {
    const policyContext = context.policy;
    if (!policyContext?.policy.requireDigest) return [];
    return imageHits(dockerfile, context, 'PL1008', ({ ref }, policy) => {
      if (ref.digest !== null) return null;
      const written = ref.tag === null ? ref.familiar : `${ref.familiar}:${ref.tag}`;
      const pin = digestToPin(policy, policyContext.resolvedDigests, ref);
      if (pin === null) {
        return `${written} carries no digest, and none is known for it: the policy pins none for ${ref.tag ?? 'latest'}; pin the digest the registry reports (\`plimsoll lint --registry\` asks it)`;
      }
      const whose = pin.source === 'policy' ? 'the policy pins' : 'the registry reports';
      return `${written} carries no digest; pin the one ${whose}: ${ref.familiar}:${ref.tag ?? 'latest'}@${pin.digest}`;
    });
  },
};
