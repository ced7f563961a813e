import { parseIgnorePragma } from '../dockerfile/pragmas.js';
import type { Rule } from './rule.js';

/**
 * hadolint DL1001: an inline `# hadolint ignore=...` hides a finding where nobody reviews it.
 * Off unless a config gives it a level. Only the line-level `ignore=` form is reported; `global`,
 * `stage` and `shell` pragmas are not (hadolint reads comments with the same pragma grammar).
 */
export const DL1001: Rule = {
  // hadolint's text, double space included (a Haskell string gap keeps the blank on both sides).
  code: 'DL1001', level: 'off', message: 'Please refrain from using inline ignore pragmas  `# hadolint ignore=DLxxxx`.',
  check: (dockerfile) => dockerfile.comments.filter((c) => parseIgnorePragma(c.text) !== null).map((c) => ({ line: c.line })),
};
