import type { Rule, RuleHit } from './rule.js';
import { flagValue, fromAlias } from './lib/batch-b.js';

/** hadolint DL3023: a stage cannot copy from itself; the build would fail. */
export const DL3023: Rule = {
  code: 'DL3023',
  level: 'error',
  message: '`COPY --from` cannot reference its own `FROM` alias',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    let alias: string | null = null;
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') alias = fromAlias(instruction);
      else if (instruction.keyword === 'COPY' && alias !== null && flagValue(instruction, 'from') === alias) {
        hits.push({ line: instruction.line });
      }
    }
    return hits;
  },
};
