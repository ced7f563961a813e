import { over, simpleRule, type Rule } from './rule.js';

const NOT_TRIGGERS = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** hadolint DL3043: Docker refuses ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER. */
export const DL3043: Rule = {
  code: 'DL3043', level: 'error', message: '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.',
  check: over(simpleRule((i) => i.keyword === 'ONBUILD' && i.trigger !== null && NOT_TRIGGERS.has(i.trigger.keyword))),
};
