import type { Rule } from './rule.js';
import { badLabelHits, isRfc3339, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3053: a label typed `rfc3339` in `label-schema` holds a value that is not one. */
export const DL3053: Rule = {
  code: 'DL3053',
  level: 'warning',
  message: 'Label `<label>` is not a valid time format - must be conform to RFC3339.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'rfc3339');
    return badLabelHits(dockerfile.instructions, labels, isRfc3339, (label) => `Label \`${label}\` is not a valid time format - must be conform to RFC3339.`);
  },
};
