import type { ShellCommand } from '../dockerfile/types.js';
import { cmdHasArgs, countFlag, hasAnyFlag, hasArg, runsWithCommand } from './lib/batch-a.js';
import type { Rule } from './rule.js';

/**
 * hadolint DL3014: `apt-get install` without `-y` waits for an answer no build can give. Accepted:
 * `-y`, `--yes`, `--assume-yes`, and quiet level 2 (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`),
 * which implies yes. ONBUILD RUN too.
 */
export const DL3014: Rule = {
  code: 'DL3014',
  level: 'warning',
  message: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  check(dockerfile) {
    return runsWithCommand(
      dockerfile,
      (command) => cmdHasArgs(command, 'apt-get', ['install']) && !assumesYes(command),
      { onbuild: true },
    );
  },
};

function assumesYes(command: ShellCommand): boolean {
  return (
    hasAnyFlag(command, ['y', 'yes', 'qq', 'assume-yes']) ||
    countFlag(command, 'q') === 2 ||
    countFlag(command, 'quiet') === 2 ||
    hasArg(command, '-q=2')
  );
}
