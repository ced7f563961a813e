import { describe, expect, it } from 'vitest';
import { formatGnu } from '../../src/format/gnu.js';

describe('gnu format', () => {
  it('prints file:line:column: CODE level: message, sorted', () => {
    expect(
      formatGnu([
        { code: 'DL3003', level: 'warning', file: 'Dockerfile', line: 4, column: 1, message: 'Use WORKDIR to switch to a directory' },
        { code: 'DL3006', level: 'warning', file: 'Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly' },
        { code: 'DL1000', level: 'error', file: 'broken/Dockerfile', line: 2, column: 3, message: 'unknown instruction:\nFORM' },
      ]),
    ).toBe(
      'Dockerfile:1:1: DL3006 warning: Always tag the version of an image explicitly\n' +
        'Dockerfile:4:1: DL3003 warning: Use WORKDIR to switch to a directory\n' +
        'broken/Dockerfile:2:3: DL1000 error: unknown instruction: FORM\n',
    );
  });

  it('prints nothing without findings', () => {
    expect(formatGnu([])).toBe('');
  });
});
