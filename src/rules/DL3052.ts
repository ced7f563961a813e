import { isUri } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3052: a label typed `url` in `label-schema` holds a value that is not one. */
export const DL3052 = labelFormatRule('DL3052', 'warning', 'url', isUri, 'is not a valid URL.');
