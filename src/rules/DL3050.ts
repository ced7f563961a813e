import type { Rule } from './rule.js';
import { labelInstructions } from './lib/batch-c-labels.js';

/** hadolint DL3050: with `strict-labels`, only labels named in `label-schema` may be set. */
export const DL3050: Rule = {
  code: 'DL3050',
  level: 'info',
  message: 'Superfluous label(s) present.',
  check(dockerfile, context) {
    const { labelSchema, strictLabels } = context.settings;
    if (!strictLabels) return [];
    return labelInstructions(dockerfile.instructions)
      .filter((i) => i.pairs.some((p) => !Object.hasOwn(labelSchema, p.key)))
      .map((i) => ({ line: i.line }));
  },
};
