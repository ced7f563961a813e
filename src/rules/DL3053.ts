import { isRfc3339 } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3053: a label typed `rfc3339` in `label-schema` holds a value that is not one. */
export const DL3053 = labelFormatRule('DL3053', 'warning', 'rfc3339', isRfc3339, 'is not a valid time format - must conform to RFC3339.');
