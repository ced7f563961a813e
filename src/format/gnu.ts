import { compareFindings, type Finding } from '../findings.js';

/**
 * GNU error format (https://www.gnu.org/prep/standards/html_node/Errors.html):
 * `file:line:column: CODE level: message`, one per line, which editors and CI log parsers jump to.
 * hadolint prints `hadolint:file:line: CODE level: message`; Plimsoll drops the program prefix and
 * adds the column so the standard `file:line:column:` parsers match.
 */
export function formatGnu(findings: readonly Finding[]): string {
  return [...findings]
    .sort(compareFindings)
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.code} ${f.level}: ${oneLine(f.message)}\n`)
    .join('');
}

/** A message on one line (a parser reads one finding per line). */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
