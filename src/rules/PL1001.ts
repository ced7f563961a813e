import { allowedList, cut, describeImage, useInstead, variantList } from './verdict-text.js';
import { suggestion } from '../policy/evaluate.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1001: the base image, its version or its variant is not on the ops whitelist. */
export const PL1001: Rule = {
  code: 'PL1001', level: 'error', message: 'Use a base image, version and variant the policy allows',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1001', (verdict, policy) => {
      const { notAllowed, entry, ref, reading } = verdict;
      if (notAllowed === null) return null;
      if (notAllowed.kind === 'image' || !entry) {
        const images = (policy.images ?? []).map((image) => image.familiar);
        return `${ref.familiar} is not on the image whitelist; allowed images: ${images.length ? cut(images) : 'none'}`;
      }
      const use = useInstead(suggestion(policy, verdict));
      if (notAllowed.kind === 'variant') {
        return `${ref.familiar} variant ${reading!.variant === '' ? '(bare version)' : reading!.variant} is not allowed; allowed variants: ${variantList(entry.variants ?? [])}${use}`;
      }
      return `${describeImage(verdict)} is not allowed; allowed: ${allowedList(entry)}${use}`;
    });
  },
};
