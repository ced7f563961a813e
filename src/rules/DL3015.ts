import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasArg, hasFlag } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3015: `apt-get install` pulls in recommended packages too, unless told not to with
 * `--no-install-recommends` or `-o APT::Install-Recommends=false`. ONBUILD RUN too.
 */
export const DL3015: Rule = {
  code: 'DL3015', level: 'info', message: 'Avoid additional packages by specifying `--no-install-recommends`',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some(installsRecommends))),
};

function installsRecommends(command: ShellCommand): boolean {
  return (
    cmdHasArgs(command, 'apt-get', ['install']) &&
    !hasFlag(command, 'no-install-recommends') &&
    !hasArg(command, 'APT::Install-Recommends=false')
  );
}
