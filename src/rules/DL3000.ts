import { dropQuotes } from '../dockerfile/facts/shell.js';
import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL3000: a relative WORKDIR depends on whatever the base image set before it.
 * Absolute means: starts with `/`, with a variable (`$HOME`, assumed absolute), or with a Windows
 * drive (`C:`). Quotes around the path are ignored. ONBUILD WORKDIR is not checked (as in hadolint).
 */
export const DL3000: Rule = {
  code: 'DL3000', level: 'error', message: 'Use absolute WORKDIR',
  check: over(simpleRule((i) => i.keyword === 'WORKDIR' && !isAbsolute(dropQuotes(i.argsText)))),
};

function isAbsolute(path: string): boolean {
  return path.startsWith('$') || path.startsWith('/') || /^\p{L}:/u.test(path);
}
