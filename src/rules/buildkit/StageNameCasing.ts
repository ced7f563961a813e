import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const stageNameCasing = (stageName: string): string => `Stage name '${stageName}' should be lowercase`;

/** BuildKit StageNameCasing: `FROM image AS Name` names the stage in mixed or upper case; BuildKit lower-cases it anyway. */
export const StageNameCasing: Rule = {
  code: 'StageNameCasing', level: 'warning', message: 'Stage names should be lowercase',
  buildkit: { parsePhase: true, url: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const { from } of dockerfile.stages) {
      const words = from.words;
      if (words.length !== 3) continue;
      const name = words[2]!.value;
      if (name !== name.toLowerCase()) hits.push(reportAt(from, stageNameCasing(name)));
    }
    return hits;
  },
};
