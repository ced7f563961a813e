import type { Instruction } from '../../dockerfile/types.js';
import type { RuleHit } from '../rule.js';

/**
 * Where BuildKit reports a check: the instruction's lines, first to last (heredoc bodies and
 * continuation lines included). `local`: a `# check=` comment above the instruction applies to the
 * hit, as it does for every check BuildKit makes while it reads or runs that instruction.
 */
export function reportAt(instruction: Instruction, message: string, local = true): RuleHit {
  const hit: RuleHit = { line: instruction.line, message };
  if (instruction.span.endLine > instruction.line) hit.endLine = instruction.span.endLine;
  if (local) hit.checkedAt = instruction.line;
  return hit;
}
