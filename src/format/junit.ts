import { compareFindings, type Finding } from '../findings.js';
import type { FormatOptions, LintReport } from './index.js';
import { escapeXml, escapeXmlText } from './xml.js';

/**
 * JUnit XML as hadolint writes it (`-f junit`): a `<testsuites>` named after the run's time, one
 * `<testsuite>` per linted file (with or without findings), one `<testcase>` with a `<failure>` per
 * finding. Attributes in hadolint's (sorted) order, `plimsoll` where hadolint writes `hadolint`. A
 * file that does not parse (DL1000) is written as hadolint writes a parse error and counted in
 * `errors`; `failures` counts every test case, as in hadolint.
 */
const PROVIDER_ID = 'plimsoll';
const CATEGORY = 'Plimsoll - Dockerfile Static Analysis';

export function formatJunit(report: LintReport, options: FormatOptions = {}): string {
  const now = options.now ?? new Date();
  const providerName = `Plimsoll${options.version ? ` ${options.version}` : ''}`;
  const byFile = new Map<string, Finding[]>();
  for (const file of report.files) byFile.set(file, []);
  for (const finding of [...report.findings].sort(compareFindings)) {
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites id="${runId(now)}" name="Plimsoll run at ${timestamp(now)}" time="0.001">`,
  ];
  for (const file of files) {
    const findings = byFile.get(file)!;
    const errors = findings.filter((f) => f.code === 'DL1000').length;
    const suite = `<testsuite errors="${errors}" failures="${findings.length}" id="${PROVIDER_ID}" name="${escapeXml(providerName)}" time="0.001"`;
    if (findings.length === 0) {
      lines.push(`  ${suite}/>`);
      continue;
    }
    lines.push(`  ${suite}>`);
    for (const finding of findings) lines.push(`    ${testcase(finding)}`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(f: Finding): string {
  if (f.code === 'DL1000') {
    const text = `Parse Error in ${f.file}\nLine: ${f.line}\nColumn: ${f.column}\nParse Error: ${f.message}\n`;
    return (
      `<testcase id="${PROVIDER_ID}.error" name="DL1000" time="0.001">` +
      `<failure message="parse error at line ${f.line}, column ${f.column}" type="error">${escapeXmlText(text)}</failure>` +
      '</testcase>'
    );
  }
  const text = `File: ${f.file}\nLine: ${f.line}\nCategory: ${CATEGORY}\n${f.level}: ${f.message}\n`;
  return (
    `<testcase id="${PROVIDER_ID}.rule.${escapeXml(f.code)}" time="0.001">` +
    `<failure id="${escapeXml(f.code)}" message="${escapeXml(f.message)}" type="${f.level}">${escapeXmlText(text)}</failure>` +
    '</testcase>'
  );
}

/** `%Y%m%d_%H%M%S` in UTC, hadolint's run id. */
function runId(now: Date): string {
  return timestamp(now).replace(/-/g, '').replace(' ', '_').replace(/:/g, '');
}

/** `%Y-%m-%d %H:%M:%S` in UTC. */
function timestamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace('T', ' ');
}
