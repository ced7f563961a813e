import type { ShellCommand } from '../dockerfile/types.js';
import { afterInstall, argsNoFlags, cmdHasArgs, runsWithCommand } from './lib/batch-a.js';
import type { Rule } from './rule.js';

const GIT_PREFIXES = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const TARBALL_SUFFIXES = ['.tar', '.tar.gz', '.tgz'];
const PATH_PREFIXES = ['/', './', '../', '~/'];
/** npm options whose value may be the next argument (`--registry URL`), not a package. */
const OPTIONS_WITH_VALUE = ['loglevel', 'registry'];

/**
 * hadolint DL3016: `npm install foo` installs whatever version the registry has today. Pinned
 * means `name@version` (`@scope/name@version`), a git URL with `#ref`, a tarball or a folder.
 * A bare `npm install` (from package.json) is fine, and so is `npm run x install`: `install` must be
 * the first non-flag argument. The value of `--loglevel`/`--registry` is not a package, but only
 * when written as the next word (hadolint DL3016Spec: `--registry=URL express` is unpinned). ONBUILD RUN too.
 */
export const DL3016: Rule = {
  code: 'DL3016',
  level: 'warning',
  message: 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  check(dockerfile) {
    return runsWithCommand(dockerfile, forgotToPin, { onbuild: true });
  },
};

function forgotToPin(command: ShellCommand): boolean {
  if (!cmdHasArgs(command, 'npm', ['install'])) return false;
  const args = argsNoFlags(command, OPTIONS_WITH_VALUE, { valueAfterEquals: true });
  return args[0] === 'install' && !afterInstall(args).every(isPinned);
}

function isPinned(pkg: string): boolean {
  if (GIT_PREFIXES.some((prefix) => pkg.startsWith(prefix))) return pkg.includes('#');
  if (TARBALL_SUFFIXES.some((suffix) => pkg.endsWith(suffix))) return true;
  if (PATH_PREFIXES.some((prefix) => pkg.startsWith(prefix))) return true;
  return withoutScope(pkg).includes('@');
}

/**
 * hadolint drops a leading `@scope` by skipping every character that sorts after `/`
 * (`dropWhile ('/' <)`): letters, digits and `@` go; `/`, `-` and `.` stop it. So `@types@2`
 * (no slash) loses its version too.
 */
function withoutScope(pkg: string): string {
  if (!pkg.startsWith('@')) return pkg;
  let i = 0;
  while (i < pkg.length && pkg[i]! > '/') i++;
  return pkg.slice(i);
}
