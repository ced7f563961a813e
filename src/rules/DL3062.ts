import type { ShellCommand } from '../dockerfile/types.js';
import type { Rule } from './rule.js';
import { argsNoFlags, cmdHasArgs, onbuildTriggers, runCommands } from './lib/batch-c.js';

/**
 * hadolint DL3062: `go install`, `go get` and `go run` of a module without `@<version>` (or with
 * `@latest`/`@none`) fetch whatever is newest. Local paths are fine.
 */
export const DL3062: Rule = {
  code: 'DL3062',
  level: 'warning',
  message: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`',
  check(dockerfile) {
    return [...dockerfile.instructions, ...onbuildTriggers(dockerfile)]
      .filter((i) => i.keyword === 'RUN' && !goPackages(runCommands(i)).every(isPinned))
      .map((i) => ({ line: i.line }));
  },
};

/** Packages of `go run` commands if there are any, else of `go install`/`go get` commands. */
function goPackages(commands: ShellCommand[]): string[] {
  const run = commands
    .filter((c) => cmdHasArgs(c, ['go'], ['run']))
    // only the package: what follows it is the program's own arguments
    .flatMap((c) => argsNoFlags(c).filter((arg, index) => arg !== 'run' && index <= 1));
  if (run.length > 0) return run;
  return commands
    .filter((c) => cmdHasArgs(c, ['go'], ['install', 'get']))
    .flatMap((c) => argsNoFlags(c).filter((arg) => !['install', 'get', 'tool'].includes(arg)));
}

function isPinned(pkg: string): boolean {
  const isLocalPath = pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.');
  return isLocalPath || (pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none'));
}
