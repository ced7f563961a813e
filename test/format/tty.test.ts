import { describe, expect, it } from 'vitest';
import { formatTty } from '../../src/format/tty.js';
import { cleanReport, report } from './report.js';

describe('tty format', () => {
  it("prints hadolint's line per finding (with the column), sorted, and nothing else", () => {
    expect(formatTty(report)).toBe(
      'Dockerfile:1:1 DL3006 warning: Always tag the version of an image explicitly\n' +
        'Dockerfile:3:5 SC2086 info: Double quote to prevent globbing and word splitting.\n' +
        'api/Dockerfile:2:5 PL2006 error: Do not pipe a remote script into a shell\n' +
        'api/Dockerfile:4:1 DL3015 style: Avoid additional packages by specifying `--no-install-recommends`\n' +
        'api/Dockerfile:5:1 PL2003 error: ENV API_KEY="<secret>" & more\n' +
        'broken/Dockerfile:2:3 DL1000 error: unknown instruction: FORM\n',
    );
  });

  it('prints nothing for a clean file, as hadolint does', () => {
    expect(formatTty(cleanReport)).toBe('');
    expect(formatTty({ files: [], findings: [] })).toBe('');
  });

  it("colours the level with hadolint's escape codes when asked", () => {
    const lines = formatTty(report, { color: true }).split('\n');
    expect(lines[0]).toBe('Dockerfile:1:1 DL3006 \u001b[1m\u001b[93mwarning\u001b[0m: Always tag the version of an image explicitly');
    expect(lines[1]).toBe('Dockerfile:3:5 SC2086 \u001b[92minfo\u001b[0m: Double quote to prevent globbing and word splitting.');
    expect(lines[2]).toBe('api/Dockerfile:2:5 PL2006 \u001b[1m\u001b[91merror\u001b[0m: Do not pipe a remote script into a shell');
    expect(lines[3]).toBe('api/Dockerfile:4:1 DL3015 \u001b[96mstyle\u001b[0m: Avoid additional packages by specifying `--no-install-recommends`');
  });

  it('keeps a message with line breaks on one line', () => {
    const text = formatTty({ files: ['-'], findings: [{ code: 'DL1000', level: 'error', file: '-', line: 1, column: 1, message: 'a\nb\r\nc' }] });
    expect(text).toBe('-:1:1 DL1000 error: a b c\n');
  });
});
