import { presentCommands } from '../dockerfile/facts/scripts.js';
import { simpleRule, withOnbuild, type Rule } from './rule.js';

/** Commands meant for an interactive machine, not for building an image (hadolint's list). */
const INTERACTIVE = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

/** hadolint DL3001: RUN calls a command that makes no sense during a build. ONBUILD RUN too. */
export const DL3001: Rule = {
  code: 'DL3001', level: 'info',
  message:
    'For some bash commands it makes no sense running them in a Docker container like `ssh`, ' +
    '`vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`',
  check: withOnbuild(simpleRule((run) => presentCommands(run).some((command) => INTERACTIVE.has(command.name)))),
};
