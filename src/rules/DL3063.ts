import type { Rule } from './rule.js';
import { fromAlias } from './lib/batch-c.js';

const RESERVED = new Set(['scratch', 'context']);

/** hadolint DL3063: a stage named `scratch` or `context` clashes with names BuildKit gives meaning to. */
export const DL3063: Rule = {
  code: 'DL3063',
  level: 'warning',
  message: 'stage name should not be a reserved word',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'FROM' && RESERVED.has(fromAlias(i) ?? ''))
      .map((i) => ({ line: i.line }));
  },
};
