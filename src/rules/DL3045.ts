import { copyPaths } from '../dockerfile/facts/instructions.js';
import { StageSwitch } from '../dockerfile/facts/scope.js';
import { dropQuotes } from '../dockerfile/facts/shell.js';
import type { Instruction } from '../dockerfile/types.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL3045: a relative COPY destination depends on a WORKDIR the base image may change.
 * WORKDIR counts for its stage and for stages built FROM it.
 */
export const DL3045: Rule = {
  code: 'DL3045', level: 'warning', message: '`COPY` to a relative destination without `WORKDIR` set.',
  check: over(customRule(() => new StageSwitch(), copiesToRelativePath)),
};

function copiesToRelativePath(workdir: StageSwitch, instruction: Instruction): boolean {
  workdir.step(instruction);
  if (instruction.keyword === 'WORKDIR') workdir.turnOn();
  if (instruction.keyword !== 'COPY' || workdir.isOn) return false;
  const paths = copyPaths(instruction);
  return !isAbsoluteOrVariable(dropQuotes(paths[paths.length - 1] ?? ''));
}

/** `/x`, `c:\x`, `c:/x`, or `$VAR` (whose value is unknown). */
function isAbsoluteOrVariable(dest: string): boolean {
  const afterDrive = dest.slice(1);
  return dest.startsWith('/') || afterDrive.startsWith(':\\') || afterDrive.startsWith(':/') || dest.startsWith('$');
}
