import { compareFindings, type Finding, type Level } from '../findings.js';

/**
 * Code Climate's engine output as hadolint writes it (`-f codeclimate`): one JSON issue per
 * finding, each followed by a NUL character, the separator the Code Climate engine spec asks for.
 * Keys are in hadolint's (sorted) order. A file that does not parse (DL1000) is located by
 * `positions`, every other finding by `lines`, as hadolint does for its parse errors and checks.
 * hadolint exits 0 with this format whatever it found, and so does Plimsoll.
 */
export interface CodeclimateIssue {
  categories: ['Bug Risk'];
  check_name: string;
  description: string;
  location: CodeclimateLocation;
  severity: CodeclimateSeverity;
  type: 'issue';
}

type CodeclimateLocation =
  | { lines: { begin: number; end: number }; path: string }
  | { path: string; positions: { begin: Position; end: Position } };
interface Position {
  column: number;
  line: number;
}

type CodeclimateSeverity = 'blocker' | 'major' | 'info' | 'minor';
const SEVERITY: Record<Level, CodeclimateSeverity> = { error: 'blocker', warning: 'major', info: 'info', style: 'minor' };

export function formatCodeclimate(findings: readonly Finding[]): string {
  return codeclimateIssues(findings)
    .map((issue) => `${JSON.stringify(issue)}\u0000`)
    .join('');
}

/** One issue per finding, sorted like every output. */
export function codeclimateIssues(findings: readonly Finding[]): CodeclimateIssue[] {
  return [...findings].sort(compareFindings).map((f) => ({
    categories: ['Bug Risk'],
    check_name: f.code,
    description: f.message,
    location: location(f),
    severity: SEVERITY[f.level],
    type: 'issue',
  }));
}

function location(f: Finding): CodeclimateLocation {
  if (f.code === 'DL1000') {
    const at = { column: f.column, line: f.line };
    return { path: f.file, positions: { begin: at, end: at } };
  }
  return { lines: { begin: f.line, end: Math.max(f.line, f.endLine ?? f.line) }, path: f.file };
}
