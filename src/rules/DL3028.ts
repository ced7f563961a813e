import { gemPinned, packageInstalls } from '../dockerfile/facts/packages.js';
import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/**
 * hadolint DL3028: an unpinned `gem install` installs whatever version is newest today. A gem is
 * pinned as `gem:version`, or all at once by `-v`/`--version`. ONBUILD RUN too.
 */
export const DL3028: Rule = {
  code: 'DL3028', level: 'warning',
  message: 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`',
  check: withOnbuild(simpleRule((run) => packageInstalls(presentCommands(run), 'gem').some((i) => !i.packages.every(gemPinned)))),
};
