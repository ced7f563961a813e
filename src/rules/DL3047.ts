import type { ShellCommand } from '../dockerfile/types.js';
import type { Rule } from './rule.js';
import { hasAnyFlag, onbuildTriggers, runCommands } from './lib/batch-c.js';

/** hadolint DL3047: wget's default progress bar floods build logs on large downloads. */
export const DL3047: Rule = {
  code: 'DL3047',
  level: 'info',
  message:
    'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. ' +
    'Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
  check(dockerfile) {
    return [...dockerfile.instructions, ...onbuildTriggers(dockerfile)]
      .filter((i) => i.keyword === 'RUN' && runCommands(i).some(forgotProgress))
      .map((i) => ({ line: i.line }));
  },
};

function forgotProgress(command: ShellCommand): boolean {
  if (command.name !== 'wget') return false;
  const quietOrLogged =
    hasAnyFlag(command, ['progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose']) ||
    command.args.includes('-nv');
  return !quietOrLogged;
}
