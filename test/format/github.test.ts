import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/format/github.js';
import { report } from './report.js';

describe('github format (workflow commands)', () => {
  it('maps levels to error, warning and notice and puts the code in the title', () => {
    expect(
      formatGithub([
        { code: 'DL3059', level: 'info', file: 'Dockerfile', line: 5, column: 1, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
        { code: 'PL2006', level: 'error', file: 'Dockerfile', line: 3, column: 5, message: 'Do not pipe a remote script into a shell', endLine: 3, endColumn: 40 },
        { code: 'DL3006', level: 'warning', file: 'Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly' },
        { code: 'DL3015', level: 'style', file: 'Dockerfile', line: 6, column: 1, message: 'Avoid additional packages' },
      ]),
    ).toBe(
      '::warning file=Dockerfile,line=1,col=1,title=DL3006::Always tag the version of an image explicitly\n' +
        '::error file=Dockerfile,line=3,col=5,endLine=3,endColumn=40,title=PL2006::Do not pipe a remote script into a shell\n' +
        '::notice file=Dockerfile,line=5,col=1,title=DL3059::Multiple consecutive `RUN` instructions. Consider consolidation.\n' +
        '::notice file=Dockerfile,line=6,col=1,title=DL3015::Avoid additional packages\n',
    );
  });

  it('prints the shared findings', () => {
    expect(formatGithub(report.findings)).toBe(
      '::warning file=Dockerfile,line=1,col=1,endLine=1,endColumn=12,title=DL3006::Always tag the version of an image explicitly\n' +
        '::notice file=Dockerfile,line=3,col=5,title=SC2086::Double quote to prevent globbing and word splitting.\n' +
        '::error file=api/Dockerfile,line=2,col=5,endLine=3,title=PL2006::Do not pipe a remote script into a shell\n' +
        '::notice file=api/Dockerfile,line=4,col=1,title=DL3015::Avoid additional packages by specifying `--no-install-recommends`\n' +
        '::error file=api/Dockerfile,line=5,col=1,endLine=5,endColumn=24,title=PL2003::ENV API_KEY="<secret>" & more\n' +
        '::error file=broken/Dockerfile,line=2,col=3,title=DL1000::unknown instruction: FORM\n',
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% sure\r\nnext: a, b')).toBe('100%25 sure%0D%0Anext: a, b');
    expect(escapeProperty('dir:x,y/Docker%file\n')).toBe('dir%3Ax%2Cy/Docker%25file%0A');
    expect(
      formatGithub([{ code: 'PL1001', level: 'error', file: 'a,b:c/Dockerfile', line: 2, column: 1, message: 'node:16 is not allowed:\nuse 20.11.1, 18.19.1 (100%)' }]),
    ).toBe('::error file=a%2Cb%3Ac/Dockerfile,line=2,col=1,title=PL1001::node:16 is not allowed:%0Ause 20.11.1, 18.19.1 (100%25)\n');
  });

  it('leaves out endColumn of a finding that spans lines (GitHub takes it on one line only)', () => {
    expect(
      formatGithub([{ code: 'PL2002', level: 'error', file: 'Dockerfile', line: 2, column: 1, message: 'm', endLine: 4, endColumn: 9 }]),
    ).toBe('::error file=Dockerfile,line=2,col=1,endLine=4,title=PL2002::m\n');
  });
});
