import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`): Go's `%q` of the name. */
export const duplicateStageName = (stageName: string): string => `Duplicate stage name ${JSON.stringify(stageName)}, stage names should be unique`;

/** BuildKit DuplicateStageName: a stage named like an earlier one (names compared lower-cased, as BuildKit stores them). */
export const DuplicateStageName: Rule = {
  code: 'DuplicateStageName', level: 'warning', message: 'Stage names should be unique',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/duplicate-stage-name/' },
  check(dockerfile) {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const stage of dockerfile.stages) {
      if (stage.name === null) continue;
      const name = stage.name.toLowerCase();
      if (seen.has(name)) hits.push(reportAt(stage.from, duplicateStageName(name), false));
      seen.add(name);
    }
    return hits;
  },
};
