import { compareFindings, type Finding } from '../findings.js';

/**
 * hadolint's JSON: one array of `{code, column, file, level, line, message}`, fields in exactly
 * that order (hadolint's aeson output sorts keys), findings sorted by file, line, column, code.
 */
export function formatJson(findings: readonly Finding[]): string {
  const rows = [...findings].sort(compareFindings).map(({ code, column, file, level, line, message }) => ({
    code,
    column,
    file,
    level,
    line,
    message,
  }));
  return `${JSON.stringify(rows)}\n`;
}
