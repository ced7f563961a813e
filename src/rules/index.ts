import type { Rule } from './rule.js';

/** Every rule Plimsoll knows, DL (hadolint's) then PL (Plimsoll's). Filled as rules land. */
export const allRules: readonly Rule[] = [];

export function ruleByCode(code: string): Rule | undefined {
  return allRules.find((rule) => rule.code === code);
}
