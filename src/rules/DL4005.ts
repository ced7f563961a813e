import { hadolintShell } from './lib/batch-d.js';
import type { Rule } from './rule.js';

/** hadolint DL4005: relinking /bin/sh changes the shell behind Docker's back; SHELL says it openly. */
export const DL4005: Rule = {
  code: 'DL4005',
  level: 'warning',
  message: 'Use SHELL to change the default shell',
  check(dockerfile) {
    return dockerfile.instructions
      .filter((instruction) => (instruction.trigger ?? instruction).keyword === 'RUN')
      .filter((instruction) =>
        (hadolintShell(instruction)?.commands ?? []).some(
          (command) => command.name === 'ln' && command.args.includes('/bin/sh'),
        ),
      )
      .map((instruction) => ({ line: instruction.line }));
  },
};
