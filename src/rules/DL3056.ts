import type { Rule } from './rule.js';
import { badLabelHits, isSemVer, labelsOfType } from './lib/batch-c-labels.js';

/** hadolint DL3056: a label typed `semver` in `label-schema` holds a value that is not one. */
export const DL3056: Rule = {
  code: 'DL3056',
  level: 'warning',
  message: 'Label `<label>` does not conform to semantic versioning.',
  check(dockerfile, context) {
    const labels = labelsOfType(context.settings.labelSchema, 'semver');
    return badLabelHits(dockerfile.instructions, labels, isSemVer, (label) => `Label \`${label}\` does not conform to semantic versioning.`);
  },
};
