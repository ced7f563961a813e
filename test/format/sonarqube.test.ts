import { describe, expect, it } from 'vitest';
import { formatSonarqube } from '../../src/format/sonarqube.js';
import { cleanReport, report } from './report.js';

const issue = (ruleId: string, severity: string, type: string, filePath: string, message: string, range: [number, number, number, number]) =>
  `{"engineId":"Plimsoll","primaryLocation":{"filePath":"${filePath}","message":${JSON.stringify(message)},` +
  `"textRange":{"endColumn":${range[3]},"endLine":${range[2]},"startColumn":${range[1]},"startLine":${range[0]}}},` +
  `"ruleId":"${ruleId}","severity":"${severity}","type":"${type}"}`;

describe('sonarqube format', () => {
  it("writes SonarQube's generic issues with hadolint's severities and types, columns from 0", () => {
    expect(formatSonarqube(report.findings)).toBe(
      `{"issues":[${[
        issue('DL3006', 'MAJOR', 'CODE_SMELL', 'Dockerfile', 'Always tag the version of an image explicitly', [1, 0, 1, 11]),
        issue('SC2086', 'MINOR', 'CODE_SMELL', 'Dockerfile', 'Double quote to prevent globbing and word splitting.', [3, 4, 3, 5]),
        issue('PL2006', 'CRITICAL', 'BUG', 'api/Dockerfile', 'Do not pipe a remote script into a shell', [2, 4, 3, 19]),
        issue('DL3015', 'INFO', 'CODE_SMELL', 'api/Dockerfile', 'Avoid additional packages by specifying `--no-install-recommends`', [4, 0, 4, 1]),
        issue('PL2003', 'CRITICAL', 'BUG', 'api/Dockerfile', 'ENV API_KEY="<secret>" & more', [5, 0, 5, 23]),
        issue('DL1000', 'BLOCKER', 'BUG', 'broken/Dockerfile', 'unknown instruction: FORM', [2, 2, 2, 3]),
      ].join(',')}]}\n`,
    );
  });

  it('writes an empty issue list without findings', () => {
    expect(formatSonarqube(cleanReport.findings)).toBe('{"issues":[]}\n');
  });
});
