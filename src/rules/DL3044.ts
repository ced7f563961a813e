import type { Instruction, KeyValue } from '../dockerfile/types.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL3044: within one ENV, `$VAR` still means the value from before that ENV, so referring to a
 * name the same ENV defines is a bug (unless an earlier ENV or ARG defined it, or it refers to itself).
 */
export const DL3044: Rule = {
  code: 'DL3044', level: 'error', message: 'Do not refer to an environment variable within the same `ENV` statement where it is defined.',
  check: over(customRule(() => new Set<string>(), refersToOwnDefinition)),
};

/** An ENV referring to a name it defines that nothing before defined; `defined` collects ARG and ENV names. */
function refersToOwnDefinition(defined: Set<string>, instruction: Instruction): boolean {
  if (instruction.keyword === 'ARG') for (const pair of instruction.pairs) defined.add(pair.key);
  if (instruction.keyword !== 'ENV') return false;
  const fails = referencesInSameEnv(instruction.pairs).some((name) => !defined.has(name));
  for (const pair of instruction.pairs) defined.add(pair.key);
  return fails;
}

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
