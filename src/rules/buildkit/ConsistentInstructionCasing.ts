import type { Instruction } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const consistentInstructionCasing = (violatingCommand: string, correctCasing: string): string =>
  `Command '${violatingCommand}' should match the case of the command majority (${correctCasing})`;

/**
 * BuildKit ConsistentInstructionCasing: the instructions of the stages (those above the first FROM
 * are not counted) are mostly upper case or mostly lower case (a tie counts as upper); every
 * keyword not in the majority's case, mixed-case ones included, is reported.
 */
export const ConsistentInstructionCasing: Rule = {
  code: 'ConsistentInstructionCasing', level: 'warning', message: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/' },
  check(dockerfile) {
    const keywords: Instruction[] = dockerfile.stages.flatMap((stage) => stage.instructions);
    let lower = 0;
    let upper = 0;
    for (const { keywordText } of keywords) {
      if (keywordText === keywordText.toLowerCase()) lower++;
      else if (keywordText === keywordText.toUpperCase()) upper++;
    }
    const majorityLower = lower > upper;
    const hits: RuleHit[] = [];
    for (const instruction of keywords) {
      const name = instruction.keywordText;
      const casing = majorityLower ? (name !== name.toLowerCase() ? 'lowercase' : null) : name !== name.toUpperCase() ? 'uppercase' : null;
      if (casing !== null) hits.push(reportAt(instruction, consistentInstructionCasing(name, casing), false));
    }
    return hits;
  },
};
