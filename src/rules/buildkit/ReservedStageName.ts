import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`): Go's `%q` of the name. */
export const reservedStageName = (reservedStageName: string): string => `Stage name should not use the same name as reserved stage ${JSON.stringify(reservedStageName)}`;

const RESERVED = new Set(['scratch', 'context']);

/** BuildKit ReservedStageName: a stage named `scratch` or `context` (in any case: BuildKit lower-cases names). */
export const ReservedStageName: Rule = {
  code: 'ReservedStageName', level: 'warning', message: 'Reserved words should not be used as stage names',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/reserved-stage-name/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const stage of dockerfile.stages) {
      const name = stage.name?.toLowerCase();
      if (name !== undefined && RESERVED.has(name)) hits.push(reportAt(stage.from, reservedStageName(name), false));
    }
    return hits;
  },
};
