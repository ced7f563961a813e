import { describe, expect, it } from 'vitest';
import { formatCodacy } from '../../src/format/codacy.js';
import { cleanReport, report } from './report.js';

describe('codacy format', () => {
  it("writes hadolint's {filename, line, message, patternId} objects, one per line, sorted", () => {
    expect(formatCodacy(report.findings)).toBe(
      '{"filename":"Dockerfile","line":1,"message":"Always tag the version of an image explicitly","patternId":"DL3006"}\n' +
        '{"filename":"Dockerfile","line":3,"message":"Double quote to prevent globbing and word splitting.","patternId":"SC2086"}\n' +
        '{"filename":"api/Dockerfile","line":2,"message":"Do not pipe a remote script into a shell","patternId":"PL2006"}\n' +
        '{"filename":"api/Dockerfile","line":4,"message":"Avoid additional packages by specifying `--no-install-recommends`","patternId":"DL3015"}\n' +
        '{"filename":"api/Dockerfile","line":5,"message":"ENV API_KEY=\\"<secret>\\" & more","patternId":"PL2003"}\n' +
        '{"filename":"broken/Dockerfile","line":2,"message":"unknown instruction: FORM","patternId":"DL1000"}\n',
    );
  });

  it('keeps a message with a line break inside its one line', () => {
    const text = formatCodacy([{ code: 'DL1000', level: 'error', file: 'x', line: 1, column: 1, message: 'a\nb' }]);
    expect(text).toBe('{"filename":"x","line":1,"message":"a\\nb","patternId":"DL1000"}\n');
  });

  it('writes nothing without findings', () => {
    expect(formatCodacy(cleanReport.findings)).toBe('');
  });
});
