import { isSemVer } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3056: a label typed `semver` in `label-schema` holds a value that is not a semantic version. */
export const DL3056 = labelFormatRule('DL3056', 'warning', 'semver', isSemVer, 'does not conform to semantic versioning.');
