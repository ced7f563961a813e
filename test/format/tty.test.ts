import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { formatTty } from '../../src/format/tty.js';

const findings: Finding[] = [
  { code: 'DL3003', level: 'warning', file: 'Dockerfile', line: 4, column: 1, message: 'Use WORKDIR to switch to a directory' },
  { code: 'PL2006', level: 'error', file: 'Dockerfile', line: 2, column: 5, message: 'Do not pipe a remote script into a shell' },
  { code: 'DL3059', level: 'info', file: 'Dockerfile', line: 5, column: 1, message: 'Multiple consecutive `RUN` instructions.' },
];

describe('tty format', () => {
  it('prints one line per finding and a summary, without colour by default', () => {
    expect(formatTty({ files: ['Dockerfile', 'other/Dockerfile'], findings })).toBe(
      'Dockerfile:2:5 PL2006 error: Do not pipe a remote script into a shell\n' +
        'Dockerfile:4:1 DL3003 warning: Use WORKDIR to switch to a directory\n' +
        'Dockerfile:5:1 DL3059 info: Multiple consecutive `RUN` instructions.\n' +
        '\n' +
        '2 files checked, 3 findings (1 error, 1 warning, 1 info)\n',
    );
  });

  it('says so when there is nothing to report', () => {
    expect(formatTty({ files: ['Dockerfile'], findings: [] })).toBe('1 file checked, no findings\n');
  });

  it('colours the level when asked', () => {
    const text = formatTty({ files: ['Dockerfile'], findings: [findings[1]!] }, { color: true });
    expect(text).toBe('\u001b[2mDockerfile:2:5\u001b[0m PL2006 \u001b[1;31merror\u001b[0m: Do not pipe a remote script into a shell\n\n1 file checked, 1 finding (1 error)\n');
  });
});

describe('tty format with nothing read', () => {
  it('prints nothing (the reasons are on stderr)', () => {
    expect(formatTty({ files: [], findings: [] })).toBe('');
  });
});
