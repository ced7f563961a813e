import { compareFindings, type Level } from '../findings.js';
import { oneLine } from './gnu.js';
import type { FormatOptions, LintReport } from './index.js';

/** hadolint's colours (Colourista): bold bright red, bold bright yellow, bright green, bright cyan. */
const LEVEL_COLOUR: Record<Level, string> = {
  error: '\u001b[1m\u001b[91m',
  warning: '\u001b[1m\u001b[93m',
  info: '\u001b[92m',
  style: '\u001b[96m',
};
const RESET = '\u001b[0m';

/**
 * For people, as hadolint prints it: `file:line:column CODE level: message` per finding and
 * nothing else, so a clean run prints nothing. The column is Plimsoll's addition, for editors
 * and terminals that jump to it.
 */
export function formatTty(report: LintReport, options: FormatOptions = {}): string {
  return [...report.findings]
    .sort(compareFindings)
    .map((f) => {
      const level = options.color === true ? `${LEVEL_COLOUR[f.level]}${f.level}${RESET}` : f.level;
      return `${f.file}:${f.line}:${f.column} ${f.code} ${level}: ${oneLine(f.message)}\n`;
    })
    .join('');
}
