import { cut } from './verdict-text.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1007: the image comes from a registry (or registry path) the policy does not trust. */
export const PL1007: Rule = {
  code: 'PL1007', level: 'error', message: 'Pull images only from registries the policy trusts',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1007', (verdict, policy) => {
      if (verdict.trusted) return null;
      const { ref } = verdict;
      const trusted = policy.trustedRegistries ?? [];
      return `${ref.familiar} is not from a trusted registry; trusted: ${trusted.length ? cut(trusted) : 'none'} — use an image from one of them (or mirror this one there)`;
    });
  },
};
