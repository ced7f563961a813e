import type { ShellCommand } from '../dockerfile/types.js';
import { argsNoFlags, cmdHasArgs, runsWithCommand } from './lib/batch-a.js';
import type { Rule } from './rule.js';

/**
 * hadolint DL3008: `apt-get install foo` installs whatever version the mirror has today.
 * A package counts as pinned when it has `=` (`foo=1.2*`), a `/` (a release, `foo/bookworm`, or a
 * path) or is a `.deb` file. The value of `-t`/`--target-release` is not a package. ONBUILD RUN too.
 */
export const DL3008: Rule = {
  code: 'DL3008',
  level: 'warning',
  message:
    'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
  check(dockerfile) {
    return runsWithCommand(dockerfile, (command) => aptGetPackages(command).some((p) => !isPinned(p)), {
      onbuild: true,
    });
  },
};

function aptGetPackages(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, 'apt-get', ['install'])) return [];
  return argsNoFlags(command, ['t', 'target-release']).filter((arg) => arg !== 'install');
}

function isPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}
