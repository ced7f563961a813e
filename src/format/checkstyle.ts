import { compareFindings, type Finding } from '../findings.js';
import type { LintReport } from './index.js';
import { escapeXml } from './xml.js';

/**
 * Checkstyle XML (version 4.3, as hadolint writes it): one `<file>` per linted file, one `<error>`
 * per finding with line, column, severity (hadolint's level words), message and source (the code).
 * Every linted file is listed, with or without findings, so consumers can count what was checked.
 */
export function formatCheckstyle(report: LintReport): string {
  const byFile = new Map<string, Finding[]>();
  for (const file of report.files) byFile.set(file, []);
  for (const finding of [...report.findings].sort(compareFindings)) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<checkstyle version="4.3">`];
  for (const file of files) {
    lines.push(`  <file name="${escapeXml(file)}">`);
    for (const f of byFile.get(file)!) {
      lines.push(
        `    <error line="${f.line}" column="${f.column}" severity="${f.level}" message="${escapeXml(f.message)}" source="${escapeXml(f.code)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return `${lines.join('\n')}\n`;
}
