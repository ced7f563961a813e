import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareFindings, type Finding, type Level } from '../findings.js';
import { docsUrl } from '../rules/rule.js';
import type { FormatOptions, RuleInfo } from './index.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif): one run,
 * tool.driver `plimsoll` with every rule that ran (id, description, help link, default level),
 * one result per finding with its file and region.
 */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/plimsoll-app/plimsoll';

type SarifLevel = 'error' | 'warning' | 'note';
const SARIF_LEVEL: Record<Level, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** Codes that are not rules but can appear in findings. */
const BUILT_IN: Record<string, RuleInfo> = {
  DL1000: { code: 'DL1000', level: 'error', message: 'The Dockerfile could not be parsed' },
};

export function formatSarif(findings: readonly Finding[], options: FormatOptions = {}): string {
  const sorted = [...findings].sort(compareFindings);
  const rules = new Map<string, RuleInfo>();
  for (const rule of options.rules ?? []) rules.set(rule.code, rule);
  for (const finding of sorted) {
    if (!rules.has(finding.code)) {
      rules.set(finding.code, BUILT_IN[finding.code] ?? { code: finding.code, level: finding.level, message: finding.code });
    }
  }
  const ruleList = [...rules.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const ruleIndex = new Map(ruleList.map((rule, index) => [rule.code, index]));

  const driver: Record<string, unknown> = { name: 'plimsoll', informationUri: INFORMATION_URI };
  if (options.version) driver.version = options.version;
  driver.rules = ruleList.map(ruleDescriptor);

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        results: sorted.map((finding) => result(finding, ruleIndex.get(finding.code)!)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleInfo): Record<string, unknown> {
  const url = docsUrl(rule.code);
  return {
    id: rule.code,
    shortDescription: { text: rule.message },
    helpUri: url,
    help: { text: `${rule.message}\n\nDocumentation: ${url}`, markdown: `${rule.message}\n\n[Documentation](${url})` },
    // A rule that is off by default ran only because a config gave it a level.
    defaultConfiguration: rule.level === 'off' ? { enabled: false, level: 'note' } : { level: SARIF_LEVEL[rule.level] },
  };
}

function result(finding: Finding, index: number): Record<string, unknown> {
  const region: Record<string, number> = { startLine: finding.line, startColumn: finding.column };
  const endLine = finding.endLine ?? finding.line;
  if (finding.endLine !== undefined && endLine > finding.line) region.endLine = endLine;
  if (finding.endColumn !== undefined && (endLine > finding.line || finding.endColumn > finding.column)) {
    region.endColumn = finding.endColumn;
  }
  return {
    ruleId: finding.code,
    ruleIndex: index,
    level: SARIF_LEVEL[finding.level],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file), region } }],
  };
}

/** A file path as SARIF wants it: a URI reference, relative to the repository root when relative. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const segments = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').split('/');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
