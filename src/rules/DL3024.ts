import type { Rule, RuleHit } from './rule.js';
import { fromAlias } from './lib/batch-b.js';

/** hadolint DL3024: two stages with one name make `--from` and `FROM <stage>` ambiguous. */
export const DL3024: Rule = {
  code: 'DL3024',
  level: 'error',
  message: 'FROM aliases (stage names) must be unique',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const from of dockerfile.instructions.filter((i) => i.keyword === 'FROM')) {
      const alias = fromAlias(from);
      if (alias === null) continue;
      if (seen.has(alias)) hits.push({ line: from.line });
      seen.add(alias);
    }
    return hits;
  },
};
