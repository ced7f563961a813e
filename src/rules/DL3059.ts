import { runFlagsKey } from '../dockerfile/facts/mounts.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL3059: consecutive single-command RUNs (comments between them do not count) each add a
 * layer; chain them. RUNs with different flags, or holding several commands, are left alone.
 */
export const DL3059: Rule = {
  code: 'DL3059', level: 'info', message: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
  check: over(
    customRule(
      () => ({ previous: null as { flags: string; commands: number } | null }),
      (state, instruction) => {
        if (instruction.keyword !== 'RUN') {
          state.previous = null;
          return false;
        }
        const current = { flags: runFlagsKey(instruction), commands: presentCommands(instruction).length };
        const { previous } = state;
        // A reported RUN leaves the remembered one in place, so a third RUN in a row is reported too.
        if (previous !== null && previous.flags === current.flags && current.commands <= 1 && previous.commands <= 1) return true;
        state.previous = current;
        return false;
      },
    ),
  ),
};
