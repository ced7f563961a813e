import { compareFindings, type Finding } from '../findings.js';

/**
 * Codacy's tool result format as hadolint writes it (`-f codacy`): one JSON object per finding,
 * `{"filename","line","message","patternId"}` (hadolint's sorted key order), one per line (hadolint
 * writes them back to back; a newline between JSON values changes nothing for a JSON stream parser
 * and lets a line reader work too). hadolint exits 0 with this format whatever it found, and so
 * does Plimsoll.
 */
export function formatCodacy(findings: readonly Finding[]): string {
  return [...findings]
    .sort(compareFindings)
    .map((f) => `${JSON.stringify({ filename: f.file, line: f.line, message: f.message, patternId: f.code })}\n`)
    .join('');
}
