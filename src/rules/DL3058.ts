import { isEmail } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3058: a label typed `email` in `label-schema` holds a value that is not an e-mail address. */
export const DL3058 = labelFormatRule('DL3058', 'warning', 'email', isEmail, 'is not a valid email format - must conform to RFC5322.');
