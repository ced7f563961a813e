import type { Rule } from './rule.js';
import { dropQuotes, pathArguments } from './lib/batch-b.js';

/** hadolint DL3021: Docker refuses a COPY of several sources into a destination that is not a directory. */
export const DL3021: Rule = {
  code: 'DL3021',
  level: 'error',
  message: 'COPY with more than 2 arguments requires the last argument to end with /',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'COPY')
      .filter((copy) => {
        const paths = pathArguments(copy);
        return paths.length > 2 && !dropQuotes(paths[paths.length - 1]!).endsWith('/');
      })
      .map((copy) => ({ line: copy.line }));
  },
};
