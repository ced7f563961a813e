import type { Rule } from './rule.js';

/**
 * hadolint DL3066: a user name in USER is resolved inside the container; runtimes and host tools that
 * check the user (e.g. `runAsNonRoot`) need a numeric id.
 */
export const DL3066: Rule = {
  code: 'DL3066',
  level: 'info',
  message: 'Non-numeric user-id may not be resolvable by host system',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'USER' && !/^[0-9]*$/.test(i.argsText.trim().split(':')[0]!))
      .map((i) => ({ line: i.line }));
  },
};
