import { unpinnedRpmInstalls } from './rpm-pins.js';
import { withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3041: `dnf install` (or `microdnf install`) of an unpinned package gives a different
 * image every build; `dnf module install` must name a stream, `dnf group install` is left alone.
 * A version from a variable (`git-core-$version`) counts as pinned when an ARG, or an ENV of the
 * current stage (inherited through `FROM <stage>`), defines that variable before the RUN.
 */
export const DL3041: Rule = {
  code: 'DL3041', level: 'warning', message: 'Specify version with `dnf install -y <package>-<version>`.',
  check: withOnbuild(unpinnedRpmInstalls('dnf', 'microdnf')),
};
