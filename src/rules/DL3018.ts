import type { ShellCommand } from '../dockerfile/types.js';
import { argsNoFlags, cmdHasArgs, runsWithCommand } from './lib/batch-a.js';
import type { Rule } from './rule.js';

/** apk options whose next argument is a value, not a package. */
const OPTIONS_WITH_VALUE = ['t', 'virtual', 'repository', 'X'];

/**
 * hadolint DL3018: `apk add foo` installs whatever version the index has today. Pinned means
 * `foo=1.2.3-r0` or `foo~1.2` (apk's fuzzy match); a local `.apk` file is fine too. The values of `-t`/`--virtual` and
 * `-X`/`--repository` are not packages. ONBUILD RUN too.
 */
export const DL3018: Rule = {
  code: 'DL3018',
  level: 'warning',
  message: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  check(dockerfile) {
    return runsWithCommand(dockerfile, (command) => apkAddPackages(command).some((p) => !isPinned(p)), {
      onbuild: true,
    });
  },
};

function apkAddPackages(command: ShellCommand): string[] {
  if (!cmdHasArgs(command, 'apk', ['add'])) return [];
  return argsNoFlags(command, OPTIONS_WITH_VALUE).filter((arg) => arg !== 'add');
}

function isPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('~') || pkg.endsWith('.apk');
}
