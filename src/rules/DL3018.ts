import { apkPinned, packageInstalls } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3018: `apk add foo` installs whatever version the index has today. Pinned means a
 * version constraint (`foo=1.2.3-r0`, `foo~1.2`, `"foo>=1.2"`, `"foo<2"`); a local `.apk` file is
 * fine too. The values of `-t`/`--virtual` and `-X`/`--repository` are not packages. ONBUILD RUN too.
 */
export const DL3018: Rule = {
  code: 'DL3018', level: 'warning',
  message: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  check: withOnbuild(simpleRule((run) => packageInstalls(presentCommands(run), 'apk').some((i) => !i.packages.every(apkPinned)))),
};
