import { modulePinned, packageInstalls, rpmPinned } from '../dockerfile/facts/packages.js';
import { DeclaredNames } from '../dockerfile/facts/scope.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { customRule, type Fold } from './rule.js';

/**
 * The fold hadolint's DL3033 (yum) and DL3041 (dnf, microdnf) share: a RUN whose `install` leaves a
 * package unpinned (`name-version`, a `.rpm`, or a version from a variable hadolint counts as
 * defined), or whose `module install` names no stream. `dnf group install` is left alone.
 */
export function unpinnedRpmInstalls(...managers: Array<'yum' | 'dnf' | 'microdnf'>): Fold {
  return customRule(
    () => new DeclaredNames(),
    (declared, instruction) => {
      declared.step(instruction);
      if (instruction.keyword !== 'RUN') return false;
      const isDeclared = (name: string) => declared.args.has(name) || declared.envs.has(name);
      const installs = packageInstalls(presentCommands(instruction), managers).filter((i) => i.verb === 'install');
      return !installs.every((i) =>
        i.module ? i.packages.every(modulePinned) : i.group || i.packages.every((p) => rpmPinned(p, isDeclared)),
      );
    },
  );
}
