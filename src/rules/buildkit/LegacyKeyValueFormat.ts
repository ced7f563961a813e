import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const legacyKeyValueFormat = (cmdName: string): string => `"${cmdName} key=value" should be used instead of legacy "${cmdName} key value" format`;

/**
 * BuildKit LegacyKeyValueFormat: `ENV key value` or `LABEL key value`, the form without `=` (its
 * first word holds no `=`). Named as the keyword is written.
 */
export const LegacyKeyValueFormat: Rule = {
  code: 'LegacyKeyValueFormat', level: 'warning', message: 'Legacy key/value format with whitespace separator should not be used',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const stage of dockerfile.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') continue;
        const words = instruction.words;
        if (words.length >= 2 && !words[0]!.value.includes('=')) hits.push(reportAt(instruction, legacyKeyValueFormat(instruction.keywordText)));
      }
    }
    return hits;
  },
};
