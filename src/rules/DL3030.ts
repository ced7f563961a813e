import { presentCommands } from '../dockerfile/facts/scripts.js';
import { cmdHasArgs, hasAnyFlag } from '../dockerfile/facts/shell.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

const INSTALLS = ['install', 'groupinstall', 'localinstall'];

/** hadolint DL3030: without `-y`, `yum install` waits for an answer no build can give. */
export const DL3030: Rule = {
  code: 'DL3030', level: 'warning', message: 'Use the -y switch to avoid manual input `yum install -y <package>`',
  check: withOnbuild(
    simpleRule((run) => presentCommands(run).some((c) => cmdHasArgs(c, 'yum', INSTALLS) && !hasAnyFlag(c, ['y', 'assumeyes']))),
  ),
};
