import type { Instruction } from '../dockerfile/types.js';
import type { Fold } from './rule.js';

/**
 * Instructions of this keyword that follow another one in the same stage (DL3012, DL4003, DL4004):
 * only the last takes effect. Counting starts at the top of the file and restarts at every FROM;
 * ONBUILD triggers do not count.
 */
export function repeatedInStage(keyword: string): Fold {
  return (instructions: readonly Instruction[]) => {
    const hits = [];
    let seen = false;
    for (const instruction of instructions) {
      if (instruction.keyword === 'FROM') seen = false;
      else if (instruction.keyword === keyword) {
        if (seen) hits.push({ line: instruction.line });
        seen = true;
      }
    }
    return hits;
  };
}
