import { compareFindings, type Level } from '../findings.js';
import type { FormatOptions, LintReport } from './index.js';

/** hadolint's colours: bold red, yellow, green, cyan. */
const LEVEL_COLOUR: Record<Level, string> = {
  error: '\u001b[1;31m',
  warning: '\u001b[1;33m',
  info: '\u001b[1;32m',
  style: '\u001b[1;36m',
};
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';

/**
 * For people: `file:line:column CODE level: message` per finding (hadolint's layout, with the
 * column so terminals and editors can jump to it), then a one-line summary.
 */
export function formatTty(report: LintReport, options: FormatOptions = {}): string {
  // Nothing was read (every path was bad): the errors on stderr say it all.
  if (report.files.length === 0 && report.findings.length === 0) return '';
  const colour = options.color === true;
  const lines = [...report.findings].sort(compareFindings).map((f) => {
    const level = colour ? `${LEVEL_COLOUR[f.level]}${f.level}${RESET}` : f.level;
    const where = `${f.file}:${f.line}:${f.column}`;
    return `${colour ? `${DIM}${where}${RESET}` : where} ${f.code} ${level}: ${f.message.replace(/\r?\n/g, ' ')}`;
  });
  if (lines.length > 0) lines.push('');
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summary(report: LintReport): string {
  const checked = plural(report.files.length, 'file');
  if (report.findings.length === 0) return `${checked} checked, no findings`;
  const counts = (['error', 'warning', 'info', 'style'] as const)
    .map((level) => ({ level, count: report.findings.filter((f) => f.level === level).length }))
    .filter(({ count }) => count > 0)
    .map(({ level, count }) => (level === 'info' || level === 'style' ? `${count} ${level}` : plural(count, level)));
  return `${checked} checked, ${plural(report.findings.length, 'finding')} (${counts.join(', ')})`;
}
