import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { formatJson } from '../../src/format/json.js';
import { report } from './report.js';

const findings: Finding[] = [
  { code: 'DL3059', level: 'info', file: 'b/Dockerfile', line: 3, column: 1, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
  { code: 'DL3006', level: 'warning', file: 'a/Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly', endLine: 1, endColumn: 12 },
  { code: 'DL3003', level: 'warning', file: 'a/Dockerfile', line: 2, column: 1, message: 'Use WORKDIR to switch to a directory' },
  { code: 'DL3002', level: 'warning', file: 'a/Dockerfile', line: 2, column: 1, message: 'Last USER should not be root' },
  { code: 'PL2006', level: 'error', file: 'a/Dockerfile', line: 2, column: 5, message: 'Do not pipe a remote script into a shell' },
];

describe('json format', () => {
  it("prints hadolint's fields in hadolint's order, sorted by file, line, column, code", () => {
    expect(formatJson(findings)).toBe(
      '[' +
        '{"code":"DL3006","column":1,"file":"a/Dockerfile","level":"warning","line":1,"message":"Always tag the version of an image explicitly"},' +
        '{"code":"DL3002","column":1,"file":"a/Dockerfile","level":"warning","line":2,"message":"Last USER should not be root"},' +
        '{"code":"DL3003","column":1,"file":"a/Dockerfile","level":"warning","line":2,"message":"Use WORKDIR to switch to a directory"},' +
        '{"code":"PL2006","column":5,"file":"a/Dockerfile","level":"error","line":2,"message":"Do not pipe a remote script into a shell"},' +
        '{"code":"DL3059","column":1,"file":"b/Dockerfile","level":"info","line":3,"message":"Multiple consecutive `RUN` instructions. Consider consolidation."}' +
        ']\n',
    );
  });

  it('prints the shared findings', () => {
    expect(formatJson(report.findings)).toBe(
      '[' +
        '{"code":"DL3006","column":1,"file":"Dockerfile","level":"warning","line":1,"message":"Always tag the version of an image explicitly"},' +
        '{"code":"SC2086","column":5,"file":"Dockerfile","level":"info","line":3,"message":"Double quote to prevent globbing and word splitting."},' +
        '{"code":"PL2006","column":5,"file":"api/Dockerfile","level":"error","line":2,"message":"Do not pipe a remote script into a shell"},' +
        '{"code":"DL3015","column":1,"file":"api/Dockerfile","level":"style","line":4,"message":"Avoid additional packages by specifying `--no-install-recommends`"},' +
        '{"code":"PL2003","column":1,"file":"api/Dockerfile","level":"error","line":5,"message":"ENV API_KEY=\\"<secret>\\" & more"},' +
        '{"code":"DL1000","column":3,"file":"broken/Dockerfile","level":"error","line":2,"message":"unknown instruction: FORM"}' +
        ']\n',
    );
  });

  it('prints an empty array when there is nothing to report', () => {
    expect(formatJson([])).toBe('[]\n');
  });

  it('keeps every field order exactly, even for odd messages', () => {
    const [row] = JSON.parse(formatJson([{ ...findings[0]!, message: 'quote " and \n newline' }])) as Array<Record<string, unknown>>;
    expect(Object.keys(row!)).toEqual(['code', 'column', 'file', 'level', 'line', 'message']);
    expect(row!.message).toBe('quote " and \n newline');
  });
});
