import type { Finding } from '../findings.js';
import type { Dockerfile } from '../dockerfile/types.js';
import { touchesChange, type ChangedLines } from './diff.js';

/** One container definition of the pull request, linted at the head SHA. */
export interface LintedFile {
  path: string;
  findings: Finding[];
  /** Null when the file could not be parsed into a model at all. */
  dockerfile: Dockerfile | null;
  changed: ChangedLines;
}

/**
 * An exception an ops member granted by comment. It covers one finding as it stood when approved:
 * the same code, in the same file, on an instruction with the same text (SPEC §6).
 */
export interface Approval {
  code: string;
  file: string;
  instruction: string;
  by: string;
  reason: string;
  commentId: number;
}

export interface ReviewedFinding extends Finding {
  /** On a line the pull request adds or changes. */
  changed: boolean;
  /** The instruction's text, whitespace collapsed: what an approval binds to. */
  instruction: string;
  approval: Approval | null;
}

export interface ReviewDecision {
  findings: ReviewedFinding[];
  /** Unapproved error-level findings on changed lines: these fail the check. */
  failing: ReviewedFinding[];
  conclusion: 'success' | 'failure';
}

/** The review decision: pure function of findings, changed lines and approvals. */
export function decideReview(files: readonly LintedFile[], approvals: readonly Approval[]): ReviewDecision {
  const findings: ReviewedFinding[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      const span = instructionSpan(file.dockerfile, finding.line);
      const instruction = span.text;
      const changed = touchesChange(file.changed, span.line, span.endLine);
      const approval =
        approvals.find((a) => a.code === finding.code && a.file === finding.file && a.instruction === instruction) ?? null;
      findings.push({ ...finding, changed, instruction, approval });
    }
  }
  const failing = findings.filter((f) => f.changed && f.level === 'error' && f.approval === null);
  return { findings, failing, conclusion: failing.length > 0 ? 'failure' : 'success' };
}

/** The instruction covering `line` (its continuation lines included), or the line alone. */
export function instructionSpan(dockerfile: Dockerfile | null, line: number): { text: string; line: number; endLine: number } {
  if (dockerfile) {
    for (const instruction of dockerfile.instructions) {
      if (instruction.span.line <= line && line <= instruction.span.endLine) {
        const text = dockerfile.text.slice(instruction.span.start, instruction.span.end);
        return { text: collapse(text), line: instruction.span.line, endLine: instruction.span.endLine };
      }
    }
    const text = dockerfile.text.split(/\r?\n/)[line - 1] ?? '';
    return { text: collapse(text), line, endLine: line };
  }
  return { text: '', line, endLine: line };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether to ask the ops team for a review (`ops.review`). */
export function wantsOpsReview(mode: 'always' | 'on-findings' | 'never', decision: ReviewDecision): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return decision.findings.some((f) => f.changed && f.approval === null);
}
