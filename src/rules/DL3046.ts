import { presentCommands } from '../dockerfile/facts/scripts.js';
import { getFlagArg, hasAnyFlag } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3046: `useradd` with a high UID and without `-l` writes a huge sparse lastlog/faillog
 * into the layer. ONBUILD RUN too.
 */
export const DL3046: Rule = {
  code: 'DL3046', level: 'warning', message: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some(forgotFlagL))),
};

function forgotFlagL(command: ShellCommand): boolean {
  return (
    command.name === 'useradd' &&
    !hasAnyFlag(command, ['l', 'no-log-init']) &&
    hasAnyFlag(command, ['u', 'uid']) &&
    getFlagArg(command, 'u').some((uid) => uid.length > 5)
  );
}
