import type { Rule } from './rule.js';
import { badLabelHits, isUri, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3052: a label typed `url` in `label-schema` holds a value that is not one. */
export const DL3052: Rule = {
  code: 'DL3052',
  level: 'warning',
  message: 'Label `<label>` is not a valid URL.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'url');
    return badLabelHits(dockerfile.instructions, labels, isUri, (label) => `Label \`${label}\` is not a valid URL.`);
  },
};
