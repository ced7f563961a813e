import { isGitHash } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3055: a label typed `hash` in `label-schema` holds a value that is not a git hash. */
export const DL3055 = labelFormatRule('DL3055', 'warning', 'hash', isGitHash, 'is not a valid git hash.');
