import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { artifactLocation, formatSarif } from '../../src/format/sarif.js';
import type { RuleInfo } from '../../src/format/index.js';
import { report } from './report.js';
import { sarifSchemaSubset } from './sarif-schema-subset.js';

const rules: RuleInfo[] = [
  { code: 'DL3006', level: 'warning', message: 'Always tag the version of an image explicitly' },
  { code: 'PL2006', level: 'error', message: 'Do not pipe a remote script into a shell' },
  { code: 'DL3059', level: 'info', message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
  { code: 'DL3015', level: 'style', message: 'Avoid additional packages by specifying `--no-install-recommends`' },
  { code: 'DL1001', level: 'off', message: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.' },
];

/** The shared findings, plus a path given with `./` and one with a space. */
const findings: Finding[] = [
  ...report.findings,
  { code: 'DL3059', level: 'info', file: './Dockerfile', line: 4, column: 1, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.', endLine: 6, endColumn: 3 },
  { code: 'DL3006', level: 'warning', file: 'dir with space/Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly' },
];

function validate(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true });
  const valid = ajv.validate(sarifSchemaSubset, log);
  return valid ? [] : (ajv.errors ?? []).map((error) => `${error.dataPath} ${error.message}`);
}

describe('sarif format', () => {
  const log = JSON.parse(formatSarif(findings, { rules, version: '0.1.0' }));

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('describes the tool and every rule that ran, plus codes found outside them (DL1000, and codes of rules not passed in)', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('plimsoll');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['DL1000', 'DL1001', 'DL3006', 'DL3015', 'DL3059', 'PL2003', 'PL2006', 'SC2086']);
    expect(driver.rules[2]).toEqual({
      id: 'DL3006',
      shortDescription: { text: 'Always tag the version of an image explicitly' },
      helpUri: 'https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/DL3006.md',
      help: {
        text: 'Always tag the version of an image explicitly\n\nDocumentation: https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/DL3006.md',
        markdown: 'Always tag the version of an image explicitly\n\n[Documentation](https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/DL3006.md)',
      },
      defaultConfiguration: { level: 'warning' },
    });
    const levels = Object.fromEntries(
      driver.rules.map((rule: { id: string; defaultConfiguration: unknown }) => [rule.id, rule.defaultConfiguration]),
    );
    expect(levels).toEqual({
      DL1000: { level: 'error' },
      DL1001: { enabled: false, level: 'note' },
      DL3006: { level: 'warning' },
      DL3015: { level: 'note' },
      DL3059: { level: 'note' },
      PL2003: { level: 'error' },
      PL2006: { level: 'error' },
      SC2086: { level: 'note' },
    });
  });

  it("writes one result per finding in hadolint's shape: region with start and end, source language, path as given", () => {
    const run = log.runs[0];
    expect(run.defaultSourceLanguage).toBe('dockerfile');
    const results = run.results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['DL3059', 'DL3006', 'SC2086', 'PL2006', 'DL3015', 'PL2003', 'DL1000', 'DL3006']);
    expect(results[1]).toEqual({
      ruleId: 'DL3006',
      ruleIndex: 2,
      level: 'warning',
      message: { text: 'Always tag the version of an image explicitly' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 12, sourceLanguage: 'dockerfile' },
          },
        },
      ],
    });
    const where = (index: number) => results[index].locations[0].physicalLocation;
    expect(where(0)).toEqual({
      artifactLocation: { uri: './Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 1, endLine: 6, endColumn: 3, sourceLanguage: 'dockerfile' },
    });
    expect(results[0].level).toBe('note');
    // ShellCheck's findings are shell; without a known end the region ends where it starts.
    expect(where(2).region).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 5, sourceLanguage: 'sh' });
    expect(where(3).region).toEqual({ startLine: 2, startColumn: 5, endLine: 3, endColumn: 20, sourceLanguage: 'dockerfile' });
    expect(where(6).region).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 3, sourceLanguage: 'dockerfile' });
    expect(where(7).artifactLocation.uri).toBe('dir%20with%20space/Dockerfile');
    for (const result of results) expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('is valid with no findings and no rules', () => {
    const empty = JSON.parse(formatSarif([]));
    expect(validate(empty)).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
  });

  it('the schema check catches what code scanning would reject', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'info';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toHaveLength(2);
  });

  it('keeps the path as given, encoded only where a URI needs it', () => {
    expect(artifactLocation('./a/b/Dockerfile')).toEqual({ uri: './a/b/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../up/Dockerfile')).toEqual({ uri: '../up/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a\\b\\Dockerfile')).toEqual({ uri: 'a/b/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('odd#name%?.Dockerfile')).toEqual({ uri: 'odd%23name%25%3F.Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('c:x/Dockerfile')).toEqual({ uri: 'c%3Ax/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/app/Dockerfile')).toEqual({ uri: '/srv/app/Dockerfile' });
    expect(artifactLocation('-')).toEqual({ uri: '-', uriBaseId: '%SRCROOT%' });
  });
});
