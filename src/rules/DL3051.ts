import { labelHits } from './label-schema.js';
import { over, type Rule } from './rule.js';

/** hadolint DL3051: a label of `label-schema` is set to an empty value. */
export const DL3051: Rule = {
  code: 'DL3051', level: 'warning', message: 'label `<label>` is empty.',
  check: over((instructions, _dockerfile, { settings }) =>
    labelHits(instructions, Object.keys(settings.labelSchema), (value) => value !== '', (label) => `label \`${label}\` is empty.`),
  ),
};
