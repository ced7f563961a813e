import { unpinnedRpmInstalls } from './rpm-pins.js';
import { withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3033: an unpinned `yum install` installs whatever version is newest today; a
 * `yum module install` must name a stream (`nodejs:18`). A version given by a variable
 * (`git-core-${VERSION}`) counts as pinned when an ARG, or an ENV of the current stage (inherited
 * through `FROM <stage>`), defines that variable before the RUN.
 */
export const DL3033: Rule = {
  code: 'DL3033', level: 'warning', message: 'Specify version with `yum install -y <package>-<version>`.',
  check: withOnbuild(unpinnedRpmInstalls('yum')),
};
