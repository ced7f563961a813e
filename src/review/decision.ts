import type { Finding } from '../findings.js';
import { linesFeeding, resolvedImages } from '../dockerfile/provenance.js';
import type { Dockerfile } from '../dockerfile/types.js';
import { approvalOf, type Approval, type FindingIdentity } from './approvals.js';
import { touchesChange, type ChangedLines } from './diff.js';

/** One container definition of the pull request, or one file of another kind naming images, linted at a head SHA. */
export interface LintedFile {
  path: string;
  findings: Finding[];
  /** Null when the file could not be parsed into a model at all, or is not a Dockerfile. */
  dockerfile: Dockerfile | null;
  changed: ChangedLines;
  /** A compose file, Kubernetes manifest, workflow or dev container (SPEC §11): what its findings bind to. */
  manifest?: ManifestLines;
}

/** A file of another kind as approvals see it: its lines, and each image value written in it. */
export interface ManifestLines {
  /** The file's text, line by line. */
  lines: readonly string[];
  images: ReadonlyArray<{
    line: number;
    endLine: number;
    /** What the value resolved to (`postgres:16.1`), or the value and `(unresolved)`. */
    resolved: string;
    /** The pull request changed a line of another file its value comes from (the `.env` beside a compose file). */
    fedByChange: boolean;
  }>;
  /**
   * Lines where a problem reading the file is reported (PL1009), and whether the pull request
   * changes the file: then the problem is its doing wherever the parser noticed it (often the end).
   */
  problems?: ReadonlyMap<number, boolean>;
}

export type { Approval } from './approvals.js';

export interface ReviewedFinding extends Finding {
  /** On a line the pull request adds or changes, or fed by one (an ARG default of its image). */
  changed: boolean;
  /** The instruction's text, whitespace collapsed, and the image it resolved to: what an approval binds to. */
  instruction: string;
  approval: Approval | null;
}

export interface ReviewDecision {
  findings: ReviewedFinding[];
  /** Unapproved error-level findings on changed lines: these fail the check. */
  failing: ReviewedFinding[];
  /** Why the review cannot pass whatever the findings say (no valid policy, a file that could not be read), as inert Markdown. */
  blockers: string[];
  conclusion: 'success' | 'failure';
}

/**
 * The review decision: a pure function of the findings at the head, the lines the pull request
 * changes and the approvals in force. A finding fails the check when it is an unapproved error on
 * a changed line; anything that stops the review from seeing everything fails it too (fail closed).
 */
export function decideReview(files: readonly LintedFile[], approvals: readonly Approval[], blockers: readonly string[] = []): ReviewDecision {
  const findings: ReviewedFinding[] = [];
  for (const file of files) {
    for (const identity of identify(file)) {
      const finding = file.findings[identity.index]!;
      findings.push({ ...finding, changed: identity.changed, instruction: identity.instruction, approval: approvalOf(approvals, identity) });
    }
  }
  const failing = findings.filter((f) => f.changed && f.level === 'error' && f.approval === null);
  return { findings, failing, blockers: [...blockers], conclusion: failing.length > 0 || blockers.length > 0 ? 'failure' : 'success' };
}

/** Each finding of a file as an approval sees it, and whether the pull request changed what feeds it. */
export function identify(file: LintedFile): Array<FindingIdentity & { index: number; changed: boolean }> {
  return file.findings.map((finding, index) => {
    const span = file.manifest ? manifestSpan(file.manifest, finding.line) : { ...instructionSpan(file.dockerfile, finding.line), fedByChange: false };
    return {
      index,
      code: finding.code,
      file: finding.file,
      line: finding.line,
      endLine: finding.endLine ?? finding.line,
      instruction: span.text,
      changed: span.fedByChange || span.lines.some((line) => touchesChange(file.changed, line)),
    };
  });
}

/**
 * The instruction covering `line` (its continuation lines included) as approvals bind to it, and
 * every line that feeds it; the line alone outside any instruction (a directive, a comment).
 */
export function instructionSpan(dockerfile: Dockerfile | null, line: number): { text: string; line: number; endLine: number; lines: number[] } {
  if (dockerfile) {
    for (const instruction of dockerfile.instructions) {
      if (instruction.span.line <= line && line <= instruction.span.endLine) {
        const images = resolvedImages(dockerfile, instruction);
        const text = collapse(dockerfile.text.slice(instruction.span.start, instruction.span.end)) + (images.length > 0 ? ` => ${images.join(', ')}` : '');
        return { text, line: instruction.span.line, endLine: instruction.span.endLine, lines: linesFeeding(dockerfile, instruction) };
      }
    }
    const text = dockerfile.text.split(/\r?\n/)[line - 1] ?? '';
    return { text: collapse(text), line, endLine: line, lines: [line] };
  }
  return { text: '', line, endLine: line, lines: [line] };
}

/**
 * The line of a file of another kind as approvals bind to it: its text and what the images written
 * there resolved to (`image: postgres:${PG:-15} => postgres:16.1`), so a change to the line or to a
 * value feeding it (a `.env` line) needs a new approval.
 */
export function manifestSpan(manifest: ManifestLines, line: number): { text: string; line: number; endLine: number; lines: number[]; fedByChange: boolean } {
  const images = manifest.images.filter((image) => image.line === line);
  const endLine = Math.max(line, ...images.map((image) => image.endLine));
  const written = manifest.lines.slice(line - 1, endLine).join(' ');
  const text = collapse(written) + (images.length > 0 ? ` => ${images.map((image) => image.resolved).join(', ')}` : '');
  const lines = Array.from({ length: endLine - line + 1 }, (_, i) => line + i);
  return { text, line, endLine, lines, fedByChange: images.some((image) => image.fedByChange) || manifest.problems?.get(line) === true };
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
