import type { Instruction } from '../dockerfile/types.js';
import { over, simpleRule, type Rule } from './rule.js';

/**
 * hadolint DL3025: in shell form the command runs under `/bin/sh -c`, which does not pass signals on,
 * so `docker stop` waits and then kills. Applies to CMD, ENTRYPOINT and HEALTHCHECK CMD.
 */
export const DL3025: Rule = {
  code: 'DL3025', level: 'warning', message: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
  check: over(simpleRule(isShellForm)),
};

function isShellForm(instruction: Instruction): boolean {
  switch (instruction.keyword) {
    case 'CMD':
    case 'ENTRYPOINT':
      return instruction.json === null;
    case 'HEALTHCHECK': {
      const match = /^((?:--\S+\s+)*)CMD\s+([\s\S]*)$/i.exec(instruction.argsText);
      return match !== null && !isStringArray(match[2]!.trim());
    }
    default:
      return false;
  }
}

function isStringArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}
