import type { Finding, Level } from '../findings.js';
import { formatCheckstyle } from './checkstyle.js';
import { formatCodacy } from './codacy.js';
import { formatCodeclimate } from './codeclimate.js';
import { formatGithub } from './github.js';
import { formatGitlabCodeclimate } from './gitlab-codeclimate.js';
import { formatGnu } from './gnu.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatSonarqube } from './sonarqube.js';
import { formatTty } from './tty.js';

/** Output formats of `plimsoll lint --format` (SPEC §8): every one of hadolint's, and `github`. */
export const FORMAT_NAMES = [
  'tty',
  'json',
  'sarif',
  'checkstyle',
  'gnu',
  'github',
  'codeclimate',
  'gitlab_codeclimate',
  'codacy',
  'sonarqube',
  'junit',
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Formats after which hadolint exits 0 whatever it found (app/Main.hs); Plimsoll does the same. */
export const ALWAYS_SUCCEEDS: readonly FormatName[] = ['codeclimate', 'codacy'];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** What one lint run produced: every file linted (in order) and every finding. */
export interface LintReport {
  files: string[];
  findings: Finding[];
}

/** The rule metadata a format may show: SARIF lists it, the others need only the findings. */
export interface RuleInfo {
  code: string;
  /** The rule's default level; `off` runs only when a config gives it one. */
  level: Level | 'off';
  message: string;
}

export interface FormatOptions {
  /** ANSI colours (tty only). */
  color?: boolean;
  /** Rules that ran, for SARIF's rule list. */
  rules?: readonly RuleInfo[];
  /** Plimsoll's version, for SARIF's tool.driver and JUnit's suite name. */
  version?: string;
  /** When the run happened, for JUnit's run id and name; now by default. */
  now?: Date;
}

/** Render a report in the named format. Pure: returns the text to print (nothing, or ending in a newline or, for codeclimate, a NUL). */
export function formatReport(format: FormatName, report: LintReport, options: FormatOptions = {}): string {
  switch (format) {
    case 'tty':
      return formatTty(report, options);
    case 'json':
      return formatJson(report.findings);
    case 'sarif':
      return formatSarif(report.findings, options);
    case 'checkstyle':
      return formatCheckstyle(report);
    case 'gnu':
      return formatGnu(report.findings);
    case 'github':
      return formatGithub(report.findings);
    case 'codeclimate':
      return formatCodeclimate(report.findings);
    case 'gitlab_codeclimate':
      return formatGitlabCodeclimate(report.findings);
    case 'codacy':
      return formatCodacy(report.findings);
    case 'sonarqube':
      return formatSonarqube(report.findings);
    case 'junit':
      return formatJunit(report, options);
  }
}
