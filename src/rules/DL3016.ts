import { npmPinned, packageInstalls } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3016: `npm install foo` installs whatever version the registry has today. Pinned
 * means `name@version` (`@scope/name@version`), a git URL with `#ref`, a tarball or a folder.
 * A bare `npm install` (from package.json) is fine, and so is `npm run x install`: `install` must be
 * the first non-flag argument. The value of `--loglevel`/`--registry` is not a package when written
 * as the next word; `--registry=URL express` leaves `express` a package. ONBUILD RUN too.
 */
export const DL3016: Rule = {
  code: 'DL3016', level: 'warning',
  message: 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  check: withOnbuild(simpleRule((run) => packageInstalls(presentCommands(run), 'npm').some((i) => !i.packages.every(npmPinned)))),
};
