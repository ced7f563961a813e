import { describe, expect, it } from 'vitest';
import { formatGnu } from '../../src/format/gnu.js';
import { cleanReport, report } from './report.js';

describe('gnu format', () => {
  it("prints hadolint's program:file:line: CODE level: message, sorted, messages on one line", () => {
    expect(formatGnu(report.findings)).toBe(
      'plimsoll:Dockerfile:1: DL3006 warning: Always tag the version of an image explicitly\n' +
        'plimsoll:Dockerfile:3: SC2086 info: Double quote to prevent globbing and word splitting.\n' +
        'plimsoll:api/Dockerfile:2: PL2006 error: Do not pipe a remote script into a shell\n' +
        'plimsoll:api/Dockerfile:4: DL3015 style: Avoid additional packages by specifying `--no-install-recommends`\n' +
        'plimsoll:api/Dockerfile:5: PL2003 error: ENV API_KEY="<secret>" & more\n' +
        'plimsoll:broken/Dockerfile:2: DL1000 error: unknown instruction: FORM\n',
    );
    expect(formatGnu([{ code: 'DL1000', level: 'error', file: 'x', line: 2, column: 3, message: 'unknown instruction:\nFORM' }])).toBe(
      'plimsoll:x:2: DL1000 error: unknown instruction: FORM\n',
    );
  });

  it('prints nothing without findings', () => {
    expect(formatGnu(cleanReport.findings)).toBe('');
  });
});
