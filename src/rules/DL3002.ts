import type { Instruction } from '../dockerfile/types.js';
import { over, type Rule, type RuleHit } from './rule.js';

/**
 * hadolint DL3002: a stage whose last USER is root runs its container as root. Every stage is
 * judged on its own (a later stage built `FROM` it inherits the user), and the finding sits on that
 * last `USER root` line. Only `root`, `0`, `root:<group>` and `0:<group>` count as root.
 */
export const DL3002: Rule = {
  code: 'DL3002', level: 'warning', message: 'Last USER should not be root',
  check: over(lastRootUsers),
};

/** FROM line → line of the stage's last USER, kept only while that user is root. */
function lastRootUsers(instructions: readonly Instruction[]): RuleHit[] {
  const lastRootUser = new Map<number, number>();
  let stageLine: number | null = null;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stageLine = instruction.line;
    if (instruction.keyword !== 'USER' || stageLine === null) continue;
    if (isRoot(instruction.argsText)) lastRootUser.set(stageLine, instruction.line);
    else lastRootUser.delete(stageLine);
  }
  return [...lastRootUser.values()].map((line) => ({ line }));
}

function isRoot(user: string): boolean {
  return user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:');
}
