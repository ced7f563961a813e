import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasAnyFlag } from '../dockerfile/facts/shell.js';
import type { ShellCommand } from '../dockerfile/types.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

const QUIET_OR_LOGGED = ['progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose'];

/** hadolint DL3047: wget's default progress bar floods build logs on large downloads. ONBUILD RUN too. */
export const DL3047: Rule = {
  code: 'DL3047', level: 'info',
  message:
    'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. ' +
    'Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some(forgotProgress))),
};

function forgotProgress(command: ShellCommand): boolean {
  return command.name === 'wget' && !hasAnyFlag(command, QUIET_OR_LOGGED) && !cmdHasArgs(command, 'wget', ['-nv']);
}
