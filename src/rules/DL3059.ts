import type { Rule, RuleHit } from './rule.js';
import { runFlagsKey, runScript } from './lib/batch-c.js';

/**
 * hadolint DL3059: consecutive single-command RUNs (comments between them do not count) each add a
 * layer; chain them. RUNs with different flags, or holding several commands, are left alone.
 */
export const DL3059: Rule = {
  code: 'DL3059',
  level: 'info',
  message: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    let previous: { flags: string; commands: number } | null = null;
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== 'RUN') {
        previous = null;
        continue;
      }
      const current = { flags: runFlagsKey(instruction), commands: runScript(instruction)?.commands.length ?? 0 };
      // A reported RUN leaves the remembered one in place, so a third RUN in a row is reported too.
      if (previous === null || previous.flags !== current.flags || current.commands > 1 || previous.commands > 1) {
        previous = current;
      } else {
        hits.push({ line: instruction.line });
      }
    }
    return hits;
  },
};
