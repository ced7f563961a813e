import type { Rule } from './rule.js';
import { badLabelHits, isSpdxLicenseId, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3054: a label typed `spdx` in `label-schema` holds a value that is not one. */
export const DL3054: Rule = {
  code: 'DL3054',
  level: 'warning',
  message: 'Label `<label>` is not a valid SPDX identifier.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'spdx');
    return badLabelHits(dockerfile.instructions, labels, isSpdxLicenseId, (label) => `Label \`${label}\` is not a valid SPDX identifier.`);
  },
};
