import type { Finding } from '../../src/findings.js';
import type { LintReport } from '../../src/format/index.js';

/**
 * The findings every format test renders: each level, a ShellCheck code, a multi-line region, a
 * file that does not parse (DL1000), markup and quotes in a message, a file without findings, and
 * findings given out of order.
 */
export const findings: Finding[] = [
  { code: 'PL2003', level: 'error', file: 'api/Dockerfile', line: 5, column: 1, message: 'ENV API_KEY="<secret>" & more', endLine: 5, endColumn: 24 },
  { code: 'SC2086', level: 'info', file: 'Dockerfile', line: 3, column: 5, message: 'Double quote to prevent globbing and word splitting.' },
  { code: 'DL3006', level: 'warning', file: 'Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly', endLine: 1, endColumn: 12 },
  { code: 'DL3015', level: 'style', file: 'api/Dockerfile', line: 4, column: 1, message: 'Avoid additional packages by specifying `--no-install-recommends`' },
  { code: 'PL2006', level: 'error', file: 'api/Dockerfile', line: 2, column: 5, message: 'Do not pipe a remote script into a shell', endLine: 3, endColumn: 20 },
  { code: 'DL1000', level: 'error', file: 'broken/Dockerfile', line: 2, column: 3, message: 'unknown instruction: FORM' },
];

export const report: LintReport = {
  files: ['Dockerfile', 'api/Dockerfile', 'clean/Dockerfile', 'broken/Dockerfile'],
  findings,
};

export const cleanReport: LintReport = { files: ['clean/Dockerfile'], findings: [] };

/** 2024-03-05 14:07:09 UTC, for the JUnit run id. */
export const NOW = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
