import type { Level } from '../findings.js';
import { EXCLUDED_CODES } from './codes.js';
import { placeOf, type ShellCheckScript } from './scripts.js';

/** One entry of ShellCheck's `--format=json1` output (positions 1-based, end column exclusive). */
export interface ShellCheckComment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** An SC finding placed in the Dockerfile, before levels and ignore pragmas apply. */
export interface ShellCheckHit {
  code: string;
  level: Level;
  /** The RUN's first line, where hadolint reports (so `# hadolint ignore=SC2086` above the RUN works). */
  line: number;
  column: number;
  /** Where the problem ends in the Dockerfile: the span runs from the RUN to the script's own line. */
  endLine: number;
  endColumn: number;
  message: string;
}

const LEVELS: Record<string, Level> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/** Lines ShellCheck reads before the script: the `#!` line and one `export` per variable. */
export function headerLineCount(script: Pick<ShellCheckScript, 'variables'>): number {
  return 1 + script.variables.length;
}

/** The file ShellCheck checks for one script (hadolint's: `#!shell`, exports, the script). */
export function scriptFile(script: Pick<ShellCheckScript, 'shell' | 'variables' | 'text'>): string {
  return `#!${script.shell}\n${script.variables.map((name) => `export ${name}=1\n`).join('')}${script.text}`;
}

/**
 * ShellCheck's comments on one script as findings: hadolint's code (`SC` + number), its level
 * (ShellCheck's severity; anything unknown is an error, as in hadolint), its message, on the
 * RUN's first line. Every comment is kept: hadolint keeps one per RUN only because its set of
 * findings compares them by line alone.
 */
export function shellcheckHits(script: ShellCheckScript, comments: readonly ShellCheckComment[]): ShellCheckHit[] {
  const excluded = new Set<number>(EXCLUDED_CODES);
  const starts = lineStarts(script.text);
  const header = headerLineCount(script);
  const locate = (line: number, column: number, end: boolean) => {
    const textLine = line - header - 1;
    if (textLine < 0 || textLine >= starts.length) return null;
    const offset = starts[textLine]! + Math.max(0, column - 1);
    // An end column is exclusive: place the last character, then step past it.
    const place = placeOf(script, end ? offset - 1 : offset);
    return place && end ? { line: place.line, column: place.column + 1 } : place;
  };

  return comments
    .filter((comment) => !excluded.has(comment.code))
    .map((comment) => {
      const zeroWidth = comment.endLine === comment.line && comment.endColumn <= comment.column;
      const end = zeroWidth ? locate(comment.line, comment.column, false) : locate(comment.endLine, comment.endColumn, true);
      const endLine = Math.max(script.line, end?.line ?? script.line);
      return {
        code: `SC${comment.code}`,
        level: LEVELS[comment.level] ?? 'error',
        line: script.line,
        column: 1,
        endLine,
        endColumn: end && end.line === endLine ? end.column : 1,
        message: comment.message,
      };
    });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
