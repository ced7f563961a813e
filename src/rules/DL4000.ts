import type { Rule } from './rule.js';

/** hadolint DL4000: MAINTAINER is deprecated; a LABEL carries the same information. */
export const DL4000: Rule = {
  code: 'DL4000',
  level: 'error',
  message: 'MAINTAINER is deprecated',
  check(dockerfile) {
    // Only top-level MAINTAINER: `ONBUILD MAINTAINER` is DL3043's business, as in hadolint.
    return dockerfile.instructions
      .filter((instruction) => instruction.keyword === 'MAINTAINER')
      .map((instruction) => ({ line: instruction.line }));
  },
};
