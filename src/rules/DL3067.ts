import type { Rule } from './rule.js';
import { dropQuotes, flagValue, rawWords } from './lib/batch-c.js';

/** hadolint DL3067: `COPY --from=<stage> / /` copies a whole filesystem over the current one. */
export const DL3067: Rule = {
  code: 'DL3067',
  level: 'warning',
  message: 'Do not copy an entire filesystem from another stage',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => {
        if (i.keyword !== 'COPY' || flagValue(i, 'from') === null) return false;
        const words = (i.json ?? rawWords(i)).map(dropQuotes);
        return words.length >= 2 && words[words.length - 1] === '/' && words.slice(0, -1).includes('/');
      })
      .map((i) => ({ line: i.line }));
  },
};
