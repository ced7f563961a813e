/** Severity of a finding, ordered error > warning > info > style (hadolint's words). */
export type Level = 'error' | 'warning' | 'info' | 'style';

/** A level as written in config: a Level, or `off`/`ignore` to drop the rule. */
export type LevelSetting = Level | 'off' | 'ignore';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'style'];

/** Rank for threshold comparisons: higher is more severe. */
export function levelRank(level: Level): number {
  return 4 - LEVELS.indexOf(level);
}

/** True when `level` is at or above `threshold` (error >= warning >= info >= style). */
export function atOrAbove(level: Level, threshold: Level): boolean {
  return levelRank(level) >= levelRank(threshold);
}

/** One problem found in one file (SPEC §2). Lines and columns are 1-based. */
export interface Finding {
  code: string;
  level: Level;
  file: string;
  line: number;
  column: number;
  message: string;
  endLine?: number;
  endColumn?: number;
  /**
   * An inline pragma names this PL code, but no policy lets developers waive it (`inline-ignore`):
   * the finding stands, and only an ops approval turns it green (SPEC §8).
   */
  ignoredInline?: true;
}

/** Sort order of every output: file, line, column, code. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Documentation page of a finding's code, linked from every output; ShellCheck's codes link to ShellCheck's wiki. */
export function docsUrl(code: string): string {
  if (/^SC\d+$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  return `https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/${code}.md`;
}
