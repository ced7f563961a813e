import { compareFindings, type Finding } from '../findings.js';

/**
 * GNU error format (https://www.gnu.org/prep/standards/html_node/Errors.html) as hadolint writes
 * it: `plimsoll:file:line: CODE level: message`, the program name first, no column.
 */
export function formatGnu(findings: readonly Finding[]): string {
  return [...findings]
    .sort(compareFindings)
    .map((f) => `plimsoll:${f.file}:${f.line}: ${f.code} ${f.level}: ${oneLine(f.message)}\n`)
    .join('');
}

/** A message on one line (a parser reads one finding per line). */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
