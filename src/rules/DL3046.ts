import type { ShellCommand } from '../dockerfile/types.js';
import type { Rule } from './rule.js';
import { flagArguments, hasAnyFlag, runCommands } from './lib/batch-c.js';

/**
 * hadolint DL3046: `useradd` with a high UID and without `-l` writes a huge sparse lastlog/faillog
 * into the layer.
 */
export const DL3046: Rule = {
  code: 'DL3046',
  level: 'warning',
  message: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((i) => i.keyword === 'RUN' && runCommands(i).some(forgotFlagL))
      .map((i) => ({ line: i.line }));
  },
};

function forgotFlagL(command: ShellCommand): boolean {
  return (
    command.name === 'useradd' &&
    !hasAnyFlag(command, ['l', 'no-log-init']) &&
    hasAnyFlag(command, ['u', 'uid']) &&
    flagArguments(command, 'u').some((uid) => uid.length > 5)
  );
}
