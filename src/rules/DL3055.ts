import type { Rule } from './rule.js';
import { badLabelHits, isGitHash, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3055: a label typed `hash` in `label-schema` holds a value that is not one. */
export const DL3055: Rule = {
  code: 'DL3055',
  level: 'warning',
  message: 'Label `<label>` is not a valid git hash.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'hash');
    return badLabelHits(dockerfile.instructions, labels, isGitHash, (label) => `Label \`${label}\` is not a valid git hash.`);
  },
};
