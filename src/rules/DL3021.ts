import { copyPaths } from '../dockerfile/facts/instructions.js';
import { dropQuotes } from '../dockerfile/facts/shell.js';
import type { Instruction } from '../dockerfile/types.js';
import { over, simpleRule, type Rule } from './rule.js';

/** hadolint DL3021: Docker refuses a COPY of several sources into a destination that is not a directory. */
export const DL3021: Rule = {
  code: 'DL3021', level: 'error', message: 'COPY with more than 2 arguments requires the last argument to end with /',
  check: over(simpleRule((i) => i.keyword === 'COPY' && copiesSeveralIntoFile(i))),
};

function copiesSeveralIntoFile(copy: Instruction): boolean {
  const paths = copyPaths(copy);
  return paths.length > 2 && !dropQuotes(paths[paths.length - 1]!).endsWith('/');
}
