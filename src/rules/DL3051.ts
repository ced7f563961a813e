import type { Rule } from './rule.js';
import { badLabelHits } from './lib/batch-c-labels.js';

/** hadolint DL3051: a label of `label-schema` is set to an empty value. */
export const DL3051: Rule = {
  code: 'DL3051',
  level: 'warning',
  message: 'label `<label>` is empty.',
  check(dockerfile, context) {
    const labels = Object.keys(context.settings.labelSchema);
    return badLabelHits(dockerfile.instructions, labels, (value) => value !== '', (label) => `label \`${label}\` is empty.`);
  },
};
