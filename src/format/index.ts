import type { Finding } from '../findings.js';
import type { Rule } from '../rules/rule.js';
import { formatCheckstyle } from './checkstyle.js';
import { formatGithub } from './github.js';
import { formatGnu } from './gnu.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatTty } from './tty.js';

/** Output formats of `plimsoll lint --format` (SPEC §8). */
export const FORMAT_NAMES = ['tty', 'json', 'sarif', 'checkstyle', 'gnu', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** What one lint run produced: every file linted (in order) and every finding. */
export interface LintReport {
  files: string[];
  findings: Finding[];
}

/** The rule metadata a format may show: SARIF lists it, the others need only the findings. */
export type RuleInfo = Pick<Rule, 'code' | 'level' | 'message'>;

export interface FormatOptions {
  /** ANSI colours (tty only). */
  color?: boolean;
  /** Rules that ran, for SARIF's rule list. */
  rules?: readonly RuleInfo[];
  /** Plimsoll's version, for SARIF's tool.driver. */
  version?: string;
}

/** Render a report in the named format. Pure: returns the text to print, ending in a newline. */
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
  }
}
