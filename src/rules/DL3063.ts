import { stageAlias } from '../dockerfile/facts/images.js';
import { over, simpleRule, type Rule } from './rule.js';

const RESERVED = new Set(['scratch', 'context']);

/** hadolint DL3063: a stage named `scratch` or `context` clashes with names BuildKit gives meaning to. */
export const DL3063: Rule = {
  code: 'DL3063', level: 'warning', message: 'stage name should not be a reserved word',
  check: over(simpleRule((i) => i.keyword === 'FROM' && RESERVED.has(stageAlias(i) ?? ''))),
};
