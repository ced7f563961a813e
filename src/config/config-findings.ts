import type { Finding } from '../findings.js';
import type { PolicyError } from './errors.js';

/**
 * Code of a finding about Plimsoll's own configuration (a repository config entry refused, an
 * invalid file), as DL1000 is hadolint's code for a file that does not parse.
 */
export const CONFIG_ERROR_CODE = 'PL1000';

/** Config problems as findings, so they show up wherever findings do (never silently dropped). */
export function configErrorFindings(errors: readonly PolicyError[]): Finding[] {
  return errors.map((error) => ({
    code: CONFIG_ERROR_CODE,
    level: 'error',
    file: error.file,
    line: error.line,
    column: error.column,
    message: error.message,
  }));
}
