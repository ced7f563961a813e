import { describeImage, useInstead } from './verdict-text.js';
import { suggestion } from '../policy/evaluate.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1004: a floating tag (none, `latest`, a codename, a partial version) changes under the build. */
export const PL1004: Rule = {
  code: 'PL1004', level: 'warning', message: 'Pin the base image to an allowed version instead of a floating tag',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1004', (verdict, policy) => {
      const { floating, reading, ref } = verdict;
      if (floating === null) return null;
      const use = useInstead(suggestion(policy, verdict)) || '; pin a version';
      switch (floating) {
        case 'untagged':
          return `${describeImage(verdict)} floats to whatever latest is at build time${use}`;
        case 'partial':
          return `${ref.familiar}:${reading!.tag} is a floating tag (${reading!.version!.version} moves with every release)${use}`;
        default:
          return `${ref.familiar}:${reading!.tag} is a floating tag${use}`;
      }
    });
  },
};
