import { packageInstalls, pipPinned, type PackageInstall } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { hasAnyFlag, hasArg } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3013: `pip install foo` installs whatever version PyPI has today. Pinned means a
 * version operator, a VCS URL with `@ref`, a local `.whl`/`.tar.gz`, or a path or URL (has `/`).
 * Installing from requirements (`-r`, `--requirement`), the local project (`.`) or under a
 * constraints file (`-c`, `--constraint`) is fine. `pip*` (pipx too) and `python* -m pip` count;
 * `pipenv` does not. Option values (`--python "$(which python)"`, `--root-user-action ignore`) are
 * not packages. ONBUILD RUN too.
 */
export const DL3013: Rule = {
  code: 'DL3013', level: 'warning',
  message:
    'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` ' +
    'or `pip install --requirement <requirements file>`',
  check: withOnbuild(simpleRule((run) => packageInstalls(presentCommands(run), 'pip').some(forgotToPin))),
};

function forgotToPin({ command, packages }: PackageInstall): boolean {
  const constrained = hasAnyFlag(command, ['constraint', 'c']);
  const fromRequirements = ['--requirement', '-r', '.'].some((arg) => hasArg(command, arg));
  return !constrained && !fromRequirements && !packages.every(pipPinned);
}
