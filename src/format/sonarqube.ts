import { compareFindings, type Finding, type Level } from '../findings.js';

/**
 * SonarQube's generic issue import format as hadolint writes it (`-f sonarqube`):
 * `{"issues":[…]}`, each issue with `engineId`, `ruleId`, `severity`, `type` and a
 * `primaryLocation` (message, file path, text range), keys in hadolint's (sorted) order. Levels map
 * as hadolint maps them: error → CRITICAL BUG, warning → MAJOR, info → MINOR, style → INFO (code
 * smells); a file that does not parse (DL1000) is a BLOCKER BUG. SonarQube counts columns from 0:
 * hadolint, which has no columns, reports 0–1; Plimsoll reports the finding's own columns.
 */
type SonarSeverity = 'BLOCKER' | 'CRITICAL' | 'MAJOR' | 'MINOR' | 'INFO';
const SEVERITY: Record<Level, SonarSeverity> = { error: 'CRITICAL', warning: 'MAJOR', info: 'MINOR', style: 'INFO' };

export function formatSonarqube(findings: readonly Finding[]): string {
  const issues = [...findings].sort(compareFindings).map((f) => {
    const parseError = f.code === 'DL1000';
    return {
      engineId: 'Plimsoll',
      primaryLocation: { filePath: f.file, message: f.message, textRange: textRange(f) },
      ruleId: f.code,
      severity: parseError ? 'BLOCKER' : SEVERITY[f.level],
      type: parseError || f.level === 'error' ? 'BUG' : 'CODE_SMELL',
    };
  });
  return `${JSON.stringify({ issues })}\n`;
}

/** 1-based lines; 0-based columns, the end exclusive (one character when the end is unknown). */
function textRange(f: Finding): { endColumn: number; endLine: number; startColumn: number; startLine: number } {
  const startColumn = f.column - 1;
  const endLine = f.endLine ?? f.line;
  if (endLine > f.line && f.endColumn !== undefined) {
    return { endColumn: f.endColumn - 1, endLine, startColumn, startLine: f.line };
  }
  const endColumn = f.endColumn !== undefined && f.endColumn - 1 > startColumn ? f.endColumn - 1 : startColumn + 1;
  return { endColumn, endLine: f.line, startColumn, startLine: f.line };
}
