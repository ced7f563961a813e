import { joinTag } from '../policy/evaluate.js';
import { imageHits } from './image-hits.js';
import type { Rule } from './rule.js';

/** PL1003: the version is allowed, but a newer allowed one is within the image's update scope. */
export const PL1003: Rule = {
  code: 'PL1003', level: 'warning', message: 'Bump to the newest allowed version within the update scope',
  check(dockerfile, context) {
    return imageHits(dockerfile, context, 'PL1003', (verdict) => {
      const { newer, reading, entry, ref } = verdict;
      if (!newer || !reading?.version || !entry) return null;
      const tag = joinTag(newer.version, reading.variant);
      const digest = entry.digests[tag];
      return `${ref.familiar} ${reading.version.version} is outdated: ${newer.version} is allowed within ${entry.update} updates — use ${ref.familiar}:${tag}${digest ? `@${digest}` : ''}`;
    });
  },
};
