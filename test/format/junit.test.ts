import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/format/junit.js';
import { cleanReport, NOW, report } from './report.js';

const CATEGORY = 'Category: Plimsoll - Dockerfile Static Analysis';
const suite = (errors: number, failures: number) =>
  `<testsuite errors="${errors}" failures="${failures}" id="plimsoll" name="Plimsoll 1.2.3" time="0.001"`;
const rule = (code: string, level: string, file: string, line: number, message: string, escaped = message) =>
  `    <testcase id="plimsoll.rule.${code}" time="0.001"><failure id="${code}" message="${escaped}" type="${level}">` +
  `File: ${file}\nLine: ${line}\n${CATEGORY}\n${level}: ${escaped.replace(/&quot;/g, '"')}\n</failure></testcase>`;

describe('junit format', () => {
  it("writes hadolint's suites: one per file, a test case per finding, parse errors counted apart", () => {
    expect(formatJunit(report, { now: NOW, version: '1.2.3' })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites id="20240305_140709" name="Plimsoll run at 2024-03-05 14:07:09" time="0.001">',
        `  ${suite(0, 2)}>`,
        rule('DL3006', 'warning', 'Dockerfile', 1, 'Always tag the version of an image explicitly'),
        rule('SC2086', 'info', 'Dockerfile', 3, 'Double quote to prevent globbing and word splitting.'),
        '  </testsuite>',
        `  ${suite(0, 3)}>`,
        rule('PL2006', 'error', 'api/Dockerfile', 2, 'Do not pipe a remote script into a shell'),
        rule('DL3015', 'style', 'api/Dockerfile', 4, 'Avoid additional packages by specifying `--no-install-recommends`'),
        rule('PL2003', 'error', 'api/Dockerfile', 5, 'ENV API_KEY="<secret>" & more', 'ENV API_KEY=&quot;&lt;secret&gt;&quot; &amp; more'),
        '  </testsuite>',
        `  ${suite(1, 1)}>`,
        '    <testcase id="plimsoll.error" name="DL1000" time="0.001"><failure message="parse error at line 2, column 3" type="error">' +
          'Parse Error in broken/Dockerfile\nLine: 2\nColumn: 3\nParse Error: unknown instruction: FORM\n</failure></testcase>',
        '  </testsuite>',
        `  ${suite(0, 0)}/>`,
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('lists a clean file as an empty suite', () => {
    expect(formatJunit(cleanReport, { now: NOW, version: '1.2.3' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites id="20240305_140709" name="Plimsoll run at 2024-03-05 14:07:09" time="0.001">\n' +
        `  ${suite(0, 0)}/>\n` +
        '</testsuites>\n',
    );
  });
});
