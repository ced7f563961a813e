import { DeclaredNames } from '../dockerfile/facts/scope.js';
import type { Instruction } from '../dockerfile/types.js';
import { customRule, over, type Rule } from './rule.js';

/**
 * hadolint DL3066: a user name in USER is resolved inside the container; runtimes and host tools that
 * check the user (e.g. `runAsNonRoot`) need a numeric id. A USER whose id comes from an ARG declared
 * before it (`USER ${APP_UID}`), in any stage, is not reported (as on hadolint master).
 */
export const DL3066: Rule = {
  code: 'DL3066', level: 'info', message: 'Non-numeric user-id may not be resolvable by host system',
  check: over(customRule(() => new DeclaredNames(), hasNamedUser)),
};

function hasNamedUser(declared: DeclaredNames, instruction: Instruction): boolean {
  declared.step(instruction);
  if (instruction.keyword !== 'USER') return false;
  const uid = instruction.argsText.trim().split(':')[0]!;
  const fromArg = [...declared.args].some((name) => uid.includes(`\${${name}}`) || uid.includes(`$${name}`));
  return !/^[0-9]*$/.test(uid) && !fromArg;
}
