import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL4000: MAINTAINER is deprecated; a LABEL carries the same information. Only top-level
 * MAINTAINER: `ONBUILD MAINTAINER` is DL3043's business, as in hadolint.
 */
export const DL4000: Rule = {
  code: 'DL4000', level: 'error', message: 'MAINTAINER is deprecated',
  check: over(simpleRule((i) => i.keyword === 'MAINTAINER')),
};
