import type { Instruction } from '../../dockerfile/types.js';
import type { Rule, RuleHit } from '../rule.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const multipleInstructionsDisallowed = (instructionName: string): string =>
  `Multiple ${instructionName} instructions should not be used in the same stage because only the last one will be used`;

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/**
 * BuildKit MultipleInstructionsDisallowed: a second CMD, ENTRYPOINT or HEALTHCHECK in one stage. The
 * earlier one is reported (it is the one that has no effect), named as the later one is written;
 * a `# check=` above the later one applies. A stage built on another starts afresh.
 */
export const MultipleInstructionsDisallowed: Rule = {
  code: 'MultipleInstructionsDisallowed', level: 'warning', message: 'Multiple instructions of the same type should not be used in the same stage',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/multiple-instructions-disallowed/' },
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const stage of dockerfile.stages) {
      const last = new Map<string, Instruction>();
      for (const instruction of stage.instructions) {
        if (!ONCE.has(instruction.keyword)) continue;
        const earlier = last.get(instruction.keyword);
        if (earlier !== undefined) hits.push({ ...reportAt(earlier, multipleInstructionsDisallowed(instruction.keywordText)), checkedAt: instruction.line });
        last.set(instruction.keyword, instruction);
      }
    }
    return hits;
  },
};
