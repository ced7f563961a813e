import { aptPinned, packageInstalls } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3008: `apt-get install foo` installs whatever version the mirror has today.
 * A package counts as pinned when it has `=` (`foo=1.2*`), a `/` (a release, `foo/bookworm`, or a
 * path) or is a `.deb` file. The value of `-t`/`--target-release` is not a package (unless given
 * inline, `--target-release=bookworm`, as on hadolint master). ONBUILD RUN too.
 */
export const DL3008: Rule = {
  code: 'DL3008', level: 'warning',
  message:
    'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
  check: withOnbuild(
    simpleRule((run) =>
      packageInstalls(presentCommands(run), 'apt-get').some((i) => i.verb === 'install' && !i.packages.every(aptPinned)),
    ),
  ),
};
