import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const fromAsCasing = (from: string, as: string): string => `'${as}' and '${from}' keywords' casing do not match`;

/**
 * BuildKit FromAsCasing: `FROM x as y` or `from x AS y`. A FROM keyword in mixed case is left to
 * ConsistentInstructionCasing.
 */
export const FromAsCasing: Rule = {
  code: 'FromAsCasing', level: 'warning', message: "The 'as' keyword should match the case of the 'from' keyword",
  buildkit: { parsePhase: true, url: 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const { from } of dockerfile.stages) {
      if (from.words.length < 3) continue;
      const keyword = from.keywordText;
      const as = from.words[1]!.value;
      const lower = keyword === keyword.toLowerCase();
      if (!lower && keyword !== keyword.toUpperCase()) continue;
      if (as !== (lower ? as.toLowerCase() : as.toUpperCase())) hits.push(reportAt(from, fromAsCasing(keyword, as)));
    }
    return hits;
  },
};
