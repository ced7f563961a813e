import type { Rule } from '../rule.js';
import { exposedPorts } from './expose.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const exposeInvalidFormat = (port: string): string => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`;

/** BuildKit ExposeInvalidFormat: `EXPOSE 127.0.0.1:80:80` or `EXPOSE 8080:80`, a publish spec where a port belongs; one finding per port. */
export const ExposeInvalidFormat: Rule = {
  code: 'ExposeInvalidFormat', level: 'warning', message: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/expose-invalid-format/' },
  check(dockerfile, context) {
    return exposedPorts(dockerfile, context.build)
      .filter((port) => port.ip !== '' || port.hostPort !== '')
      .map((port) => reportAt(port.instruction, exposeInvalidFormat(port.raw)));
  },
};
