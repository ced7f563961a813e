import { customRule, over, type Rule } from './rule.js';

/** hadolint DL3061: only ARG (and comments and parser directives) may come before the first FROM. */
export const DL3061: Rule = {
  code: 'DL3061', level: 'error', message: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.',
  check: over(
    customRule(
      () => ({ fromSeen: false }),
      (state, instruction) => {
        if (instruction.keyword === 'FROM') state.fromSeen = true;
        return !state.fromSeen && instruction.keyword !== 'ARG';
      },
    ),
  ),
};
