import type { ShellCommand } from '../dockerfile/types.js';
import { afterInstall, argsNoFlags, hasArg, hasArgSequence, hasFlag, runsWithCommand } from './lib/batch-a.js';
import type { Rule } from './rule.js';

/** pip options whose next argument is a value, not a package (hadolint's list). */
const OPTIONS_WITH_VALUE = [
  'abi', 'b', 'build', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url',
  'implementation', 'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy',
  'python-version', 'root', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy',
];
const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
/** pip's `vcs+protocol` schemes (https://pip.pypa.io/en/stable/topics/vcs-support/). */
const VCS_SCHEMES = [
  'git+file', 'git+https', 'git+ssh', 'git+http', 'git+git', 'git', 'hg+file', 'hg+http', 'hg+https',
  'hg+ssh', 'hg+static-http', 'svn', 'svn+svn', 'svn+http', 'svn+https', 'svn+ssh', 'bzr+http',
  'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp',
];

/**
 * hadolint DL3013: `pip install foo` installs whatever version PyPI has today. Pinned means a
 * version operator, a VCS URL with `@ref`, a local `.whl`/`.tar.gz`, or a path or URL (has `/`).
 * Installing from requirements (`-r`, `--requirement`), the local project (`.`) or under a
 * constraints file (`-c`, `--constraint`) is fine. `pip*` and `python* -m pip` count; `pipenv` does
 * not. ONBUILD RUN too.
 */
export const DL3013: Rule = {
  code: 'DL3013',
  level: 'warning',
  message:
    'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` ' +
    'or `pip install --requirement <requirements file>`.',
  check(dockerfile) {
    return runsWithCommand(dockerfile, forgotToPin, { onbuild: true });
  },
};

function forgotToPin(command: ShellCommand): boolean {
  return (
    isPipInstall(command) &&
    !hasFlag(command, 'constraint') &&
    !hasFlag(command, 'c') &&
    !installsRequirements(command) &&
    !afterInstall(argsNoFlags(command, OPTIONS_WITH_VALUE)).every(isPinned)
  );
}

function isPipInstall(command: ShellCommand): boolean {
  const { name } = command;
  const pip = name.startsWith('pip') && !name.startsWith('pipenv') && hasArg(command, 'install');
  const pythonModule = name.startsWith('python') && hasArgSequence(command, ['-m', 'pip', 'install']);
  return pip || pythonModule;
}

function installsRequirements(command: ShellCommand): boolean {
  return hasArg(command, '--requirement') || hasArg(command, '-r') || hasArg(command, '.');
}

function isPinned(pkg: string): boolean {
  const vcs = VCS_SCHEMES.some((scheme) => pkg.startsWith(scheme));
  return (
    VERSION_SYMBOLS.some((symbol) => pkg.includes(symbol)) ||
    (vcs && pkg.includes('@')) ||
    pkg.endsWith('.whl') ||
    pkg.endsWith('.tar.gz') ||
    (!vcs && pkg.includes('/'))
  );
}
