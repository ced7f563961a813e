import type { Rule, RuleHit } from './rule.js';

/** hadolint DL3061: only ARG (and comments and parser directives) may come before the first FROM. */
export const DL3061: Rule = {
  code: 'DL3061',
  level: 'error',
  message: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') break;
      if (instruction.keyword !== 'ARG') hits.push({ line: instruction.line });
    }
    return hits;
  },
};
