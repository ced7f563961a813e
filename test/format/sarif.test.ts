import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { artifactLocation, formatSarif } from '../../src/format/sarif.js';
import type { RuleInfo } from '../../src/format/index.js';
import { sarifSchemaSubset } from './sarif-schema-subset.js';

const rules: RuleInfo[] = [
  { code: 'DL3006', level: 'warning', message: 'Always tag the version of an image explicitly' },
  { code: 'PL2006', level: 'error', message: 'Do not pipe a remote script into a shell' },
  { code: 'DL3059', level: 'info', message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
  { code: 'DL3015', level: 'style', message: 'Avoid additional packages by specifying `--no-install-recommends`' },
  { code: 'DL1001', level: 'off', message: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.' },
];

const findings: Finding[] = [
  { code: 'PL2006', level: 'error', file: 'services/api/Dockerfile', line: 3, column: 5, message: 'Do not pipe a remote script into a shell', endLine: 3, endColumn: 42 },
  { code: 'DL3006', level: 'warning', file: './Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly' },
  { code: 'DL1000', level: 'error', file: 'dir with space/Dockerfile', line: 2, column: 1, message: 'unknown instruction: FORM' },
  { code: 'DL3059', level: 'info', file: 'Dockerfile', line: 4, column: 1, message: 'Multiple consecutive `RUN` instructions. Consider consolidation.', endLine: 6, endColumn: 3 },
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

  it('describes the tool and every rule that ran, plus codes found outside the rules (DL1000)', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('plimsoll');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['DL1000', 'DL1001', 'DL3006', 'DL3015', 'DL3059', 'PL2006']);
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
      PL2006: { level: 'error' },
    });
  });

  it('writes one result per finding with rule, level, message and region, sorted like every output', () => {
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['DL3006', 'DL3059', 'DL1000', 'PL2006']);
    expect(results[0]).toEqual({
      ruleId: 'DL3006',
      ruleIndex: 2,
      level: 'warning',
      message: { text: 'Always tag the version of an image explicitly' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } },
      ],
    });
    expect(results[1].level).toBe('note');
    expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 1, endLine: 6, endColumn: 3 });
    expect(results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('dir%20with%20space/Dockerfile');
    expect(results[3].locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 5, endColumn: 42 });
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

  it('turns paths into URI references', () => {
    expect(artifactLocation('./a/b/Dockerfile')).toEqual({ uri: 'a/b/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('a\\b\\Dockerfile')).toEqual({ uri: 'a/b/Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('odd#name%.Dockerfile')).toEqual({ uri: 'odd%23name%25.Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/app/Dockerfile')).toEqual({ uri: 'file:///srv/app/Dockerfile' });
  });
});
