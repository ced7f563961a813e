import { copyPaths, flagValue } from '../dockerfile/facts/instructions.js';
import { dropQuotes } from '../dockerfile/facts/shell.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, simpleRule, type Rule } from './rule.js';

/** hadolint DL3067: `COPY --from=<stage> / /` copies a whole filesystem over the current one. */
export const DL3067: Rule = {
  code: 'DL3067', level: 'warning', message: 'Do not copy an entire filesystem from another stage',
  check: over(simpleRule((i) => i.keyword === 'COPY' && flagValue(i, 'from') !== null && copiesRoot(i))),
};

function copiesRoot(copy: Instruction): boolean {
  const paths = copyPaths(copy).map(dropQuotes);
  return paths.length >= 2 && paths[paths.length - 1] === '/' && paths.slice(0, -1).includes('/');
}
