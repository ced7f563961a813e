import type { KeyValue } from '../dockerfile/types.js';
import type { Rule, RuleHit } from './rule.js';
import { argNames } from './lib/batch-c.js';

/**
 * hadolint DL3044: within one ENV, `$VAR` still means the value from before that ENV, so referring to a
 * name the same ENV defines is a bug (unless an earlier ENV or ARG defined it, or it refers to itself).
 */
export const DL3044: Rule = {
  code: 'DL3044',
  level: 'error',
  message: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    const defined = new Set<string>();
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'ARG') argNames(instruction).forEach((n) => defined.add(n));
      if (instruction.keyword !== 'ENV') continue;
      if (referencesInSameEnv(instruction.pairs).some((name) => !defined.has(name))) hits.push({ line: instruction.line });
      instruction.pairs.forEach((p) => defined.add(p.key));
    }
    return hits;
  },
};

/** Names defined by this ENV that another pair of the same ENV refers to. */
function referencesInSameEnv(pairs: KeyValue[]): string[] {
  return pairs
    .filter((pair, index) => pairs.some((other, j) => j !== index && refersTo(other.value ?? '', pair.key)))
    .map((pair) => pair.key);
}

/** `${name}`, or `$name` not followed by a character that would continue the name. */
function refersTo(text: string, name: string): boolean {
  if (text.includes(`\${${name}}`)) return true;
  const bare = `$${name}`;
  return text.includes(bare) && text.split(bare).slice(1).some((after) => !/^[0-9A-Za-z_]/.test(after));
}
