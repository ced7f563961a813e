import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, countFlag, hasAnyFlag, hasArg } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3014: `apt-get install` without `-y` waits for an answer no build can give. Accepted:
 * `-y`, `--yes`, `--assume-yes`, and quiet level 2 (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`),
 * which implies yes. ONBUILD RUN too.
 */
export const DL3014: Rule = {
  code: 'DL3014', level: 'warning', message: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some((c) => cmdHasArgs(c, 'apt-get', ['install']) && !assumesYes(c)))),
};

function assumesYes(command: ShellCommand): boolean {
  return (
    hasAnyFlag(command, ['y', 'yes', 'qq', 'assume-yes']) ||
    countFlag(command, 'q') === 2 ||
    countFlag(command, 'quiet') === 2 ||
    hasArg(command, '-q=2')
  );
}
