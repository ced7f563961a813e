import type { Rule } from '../rule.js';
import { exposedPorts } from './expose.js';
import { reportAt } from './location.js';

/** BuildKit's message (ruleset.go `Format`). */
export const exposeProtoCasing = (port: string): string => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`;

/** BuildKit ExposeProtoCasing: `EXPOSE 80/TCP`; one finding per port. */
export const ExposeProtoCasing: Rule = {
  code: 'ExposeProtoCasing', level: 'warning', message: 'Protocol in EXPOSE instruction should be lowercase',
  buildkit: { url: 'https://docs.docker.com/go/dockerfile/rule/expose-proto-casing/' },
  check(dockerfile, context) {
    return exposedPorts(dockerfile, context.build)
      .filter((port) => port.proto !== port.proto.toLowerCase())
      .map((port) => reportAt(port.instruction, exposeProtoCasing(port.raw)));
  },
};
