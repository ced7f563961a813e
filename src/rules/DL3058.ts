import type { Rule } from './rule.js';
import { badLabelHits, isEmail, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3058: a label typed `email` in `label-schema` holds a value that is not one. */
export const DL3058: Rule = {
  code: 'DL3058',
  level: 'warning',
  message: 'Label `<label>` is not a valid email format - must be conform to RFC5322.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'email');
    return badLabelHits(dockerfile.instructions, labels, isEmail, (label) => `Label \`${label}\` is not a valid email format - must be conform to RFC5322.`);
  },
};
