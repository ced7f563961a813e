import { isSpdxLicenseId } from './label-formats.js';
import { labelFormatRule } from './label-schema.js';

/** hadolint DL3054: a label typed `spdx` in `label-schema` holds a value that is not one SPDX license id. */
export const DL3054 = labelFormatRule('DL3054', 'warning', 'spdx', isSpdxLicenseId, 'is not a valid SPDX identifier.');
