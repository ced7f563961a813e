import type { Rule, RuleHit } from './rule.js';
import { dropQuotes, flagValue, fromAlias } from './lib/batch-b.js';

/**
 * hadolint DL3022: `COPY --from=name` must name a stage defined above. An image reference (it has
 * a `:`) and a stage number below the count of stages so far are accepted too.
 */
export const DL3022: Rule = {
  code: 'DL3022',
  level: 'warning',
  message: '`COPY --from` should reference a previously defined `FROM` alias',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    const aliases = new Set<string>();
    let stages = 0;
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === 'FROM') {
        stages++;
        const alias = fromAlias(instruction);
        if (alias !== null) aliases.add(alias); // compared as written: hadolint is case-sensitive here
        continue;
      }
      const source = instruction.keyword === 'COPY' ? flagValue(instruction, 'from') : null;
      if (source === null || dropQuotes(source).includes(':') || aliases.has(source)) continue;
      const index = /^\d+/.exec(source); // hadolint reads the leading digits (`1abc` is stage 1)
      if (index && Number(index[0]) < stages) continue;
      hits.push({ line: instruction.line });
    }
    return hits;
  },
};
