import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasAnyFlag } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

const INSTALLS = ['install', 'groupinstall', 'localinstall'];

/** hadolint DL3038: without `-y`, `dnf install` waits for an answer no build can give. */
export const DL3038: Rule = {
  code: 'DL3038', level: 'warning', message: 'Use the -y switch to avoid manual input `dnf install -y <package>`',
  check: withOnbuild(
    simpleRule((run) =>
      presentCommands(run).some((c) => cmdHasArgs(c, ['dnf', 'microdnf'], INSTALLS) && !hasAnyFlag(c, ['y', 'assumeyes'])),
    ),
  ),
};
