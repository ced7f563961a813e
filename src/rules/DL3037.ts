import { packageInstalls, zypperPinned } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** hadolint DL3037: an unpinned `zypper install` installs whatever version is newest today. */
export const DL3037: Rule = {
  code: 'DL3037', level: 'warning', message: 'Specify version with `zypper install -y <package>=<version>`.',
  check: withOnbuild(simpleRule((run) => packageInstalls(presentCommands(run), 'zypper').some((i) => !i.packages.every(zypperPinned)))),
};
