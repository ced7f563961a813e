import { isAbsolute } from 'node:path';
import type * as Sarif from 'sarif';
import { compareFindings, docsUrl, type Finding, type Level } from '../findings.js';
import type { FormatOptions, RuleInfo } from './index.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif), in
 * hadolint's shape: one run with `defaultSourceLanguage: dockerfile`, one result per finding whose
 * region carries start and end line and column and its `sourceLanguage` (`sh` for ShellCheck's SC
 * codes), and the file's path as given. Plimsoll adds what code scanning shows beside a result:
 * every rule that ran (description, help link, default level) and each result's `ruleIndex`.
 */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/plimsoll-app/plimsoll';

const SARIF_LEVEL: Record<Level, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

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

  const driver: Sarif.ToolComponent = { name: 'plimsoll', informationUri: INFORMATION_URI };
  if (options.version) driver.version = options.version;
  driver.rules = ruleList.map(ruleDescriptor);

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        defaultSourceLanguage: 'dockerfile',
        columnKind: 'utf16CodeUnits',
        results: sorted.map((finding) => result(finding, ruleIndex.get(finding.code)!)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
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

function result(finding: Finding, index: number): Sarif.Result {
  return {
    ruleId: finding.code,
    ruleIndex: index,
    level: SARIF_LEVEL[finding.level],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file), region: region(finding) } }],
  };
}

/**
 * Where the finding is. Without a known end, the region ends where it starts, as hadolint's do;
 * an end before the start (which no rule should produce) is dropped the same way.
 */
export function region(finding: Finding): Sarif.Region {
  const endLine = finding.endLine ?? finding.line;
  const endColumn = finding.endColumn ?? finding.column;
  const endsAfterStart = endLine > finding.line || (endLine === finding.line && endColumn >= finding.column);
  return {
    startLine: finding.line,
    startColumn: finding.column,
    endLine: endsAfterStart ? endLine : finding.line,
    endColumn: endsAfterStart ? endColumn : finding.column,
    sourceLanguage: sourceLanguage(finding.code),
  };
}

/** ShellCheck's findings are about the RUN script; every other code is about the Dockerfile. */
export function sourceLanguage(code: string): string {
  return code.startsWith('SC') ? 'sh' : 'dockerfile';
}

/**
 * The path as given (`./` and `..` kept, so it means what it meant on the command line), as a URI
 * reference: backslashes become `/` and each segment is percent-encoded where a URI needs it
 * (spaces, `%`, `#`, `?`, `:`). Relative paths are relative to the repository root (`%SRCROOT%`).
 */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  const uri = file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return isAbsolute(file) ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}
