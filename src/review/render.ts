import type { Level } from '../findings.js';
import type { PolicyError } from '../policy/errors.js';
import { formatPolicyError } from '../policy/errors.js';
import { docsUrl } from '../rules/rule.js';
import { inertMarkdown, inertPlain } from '../markdown/inert.js';
import type { ReviewDecision, ReviewedFinding } from './decision.js';

/** GitHub refuses check run `summary`/`text` and comment bodies longer than this. */
export const GITHUB_TEXT_LIMIT = 65535;
/** Annotations GitHub accepts per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const SUMMARY_MARKER = '<!-- plimsoll:summary -->';
export const CHECK_NAME = 'plimsoll';
/** How much of an approval's reason is shown; the comment itself keeps all of it. */
export const REASON_SHOWN = 300;
/** GitHub's limits on annotation text. */
const ANNOTATION_MESSAGE_LIMIT = 4000;
const ANNOTATION_TITLE_LIMIT = 255;

/** Things beside findings that the review has to tell. */
export interface ReviewNotes {
  /** The policy file is invalid; the last valid policy (or none) was used. */
  policyErrors?: PolicyError[] | null;
  policyInForce?: boolean;
  /** Problems of the repository config (PL1000): why it is invalid, or the entries it refused. */
  repoConfigErrors?: PolicyError[];
  /** The repository config did not validate, so none of it applies. */
  repoConfigInvalid?: boolean;
  /** A reviewer request GitHub refused, explained. */
  reviewRequest?: string | null;
  /** The ops team cannot be seen by the app, explained. */
  opsTeam?: string | null;
  /** Comments carrying commands that someone other than their author edited. */
  tampering?: Array<{ commentId: number; author: string; editor: string }>;
  /** Files that could not be read (too large, unavailable), explained. */
  unreadable?: string[];
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text: string;
}

const ANNOTATION_LEVEL: Record<Level, Annotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  info: 'notice',
  style: 'notice',
};

/** One annotation per finding on a changed line, in batches GitHub accepts. */
export function annotationBatches(decision: ReviewDecision): Annotation[][] {
  const annotations = decision.findings.filter((f) => f.changed).map(toAnnotation);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return batches;
}

function toAnnotation(f: ReviewedFinding): Annotation {
  const endLine = f.endLine ?? f.line;
  const approved = f.approval ? `\nApproved by ${f.approval.by}: ${f.approval.reason}` : '';
  const annotation: Annotation = {
    // GitHub places an annotation by the path as it is in the repository: sent as it is.
    path: f.file,
    start_line: f.line,
    end_line: endLine,
    annotation_level: f.approval ? 'notice' : ANNOTATION_LEVEL[f.level],
    title: inertPlain(`${f.code} (${f.level})`, ANNOTATION_TITLE_LIMIT),
    message: inertPlain(`${f.message}${approved}`, ANNOTATION_MESSAGE_LIMIT),
  };
  // GitHub accepts columns only within one line.
  if (endLine === f.line) {
    annotation.start_column = f.column;
    annotation.end_column = f.endColumn ?? f.column;
  }
  return annotation;
}

export function checkOutput(decision: ReviewDecision, notes: ReviewNotes = {}): CheckOutput {
  const changed = decision.findings.filter((f) => f.changed);
  const approved = changed.filter((f) => f.approval);
  const preExisting = decision.findings.filter((f) => !f.changed);
  const title =
    decision.blockers.length > 0
      ? 'The review cannot pass: see the summary'
      : decision.failing.length > 0
        ? `${plural(decision.failing.length, 'error')} on changed lines`
        : changed.length - approved.length > 0
          ? `${plural(changed.length - approved.length, 'warning')} on changed lines, no errors`
          : approved.length > 0
            ? `No unapproved problems (${plural(approved.length, 'approved exception')})`
            : 'No problems on changed lines';

  const summary: string[] = [];
  summary.push(...decision.blockers.map((b) => `❌ ${b}`));
  summary.push(
    `${plural(changed.length, 'finding')} on changed lines (${decision.failing.length} failing, ${approved.length} approved); ` +
      `${plural(preExisting.length, 'pre-existing finding')} on untouched lines, which never fail the check.`,
  );
  summary.push(...noteLines(notes));

  const text: string[] = [];
  if (changed.length > 0) {
    text.push('### On changed lines', '', '| File | Line | Code | Level | Message |', '|---|---|---|---|---|');
    for (const f of changed) text.push(findingRow(f));
    text.push('');
  }
  if (preExisting.length > 0) {
    text.push('### Pre-existing (untouched lines)', '', '| File | Line | Code | Level | Message |', '|---|---|---|---|---|');
    for (const f of preExisting) text.push(findingRow(f));
  }
  return { title, summary: fit(summary.join('\n\n')), text: fit(text.join('\n')) };
}

function findingRow(f: ReviewedFinding): string {
  const approval = f.approval ? ` — approved by ${md(f.approval.by)}: ${reason(f.approval.reason)}` : '';
  return `| ${md(f.file)} | ${f.line} | [${f.code}](${docsUrl(f.code)}) | ${f.level} | ${md(f.message)}${approval} |`;
}

function noteLines(notes: ReviewNotes): string[] {
  const lines: string[] = [];
  if (notes.policyErrors && notes.policyErrors.length > 0) {
    lines.push(
      `**The policy is invalid and did not take effect**; ${notes.policyInForce ? 'the last valid policy was used' : 'no valid version of it is known'}:\n` +
        notes.policyErrors.map((e) => `- ${md(formatPolicyError(e))}`).join('\n'),
    );
  }
  const configErrors = notes.repoConfigErrors ?? [];
  if (configErrors.length > 0) {
    const file = md(configErrors[0]!.file);
    const headline = notes.repoConfigInvalid
      ? `**[PL1000](${docsUrl('PL1000')}): the repository config ${file} is invalid and did not take effect**; the default settings were used`
      : `**[PL1000](${docsUrl('PL1000')}): entries of the repository config ${file} were ignored**; the rest applies`;
    lines.push(`${headline}:\n${configErrors.map((e) => `- ${md(formatPolicyError(e))}`).join('\n')}`);
  }
  for (const file of notes.unreadable ?? []) lines.push(`⚠️ ${md(file)}`);
  if (notes.reviewRequest) lines.push(`⚠️ ${md(notes.reviewRequest)}`);
  if (notes.opsTeam) lines.push(`⚠️ ${md(notes.opsTeam)}`);
  for (const t of notes.tampering ?? []) {
    lines.push(`🚨 ${md(`Comment ${t.commentId} by ${t.author} was edited by ${t.editor}; its commands do not count.`)}`);
  }
  return lines;
}

/** The summary comment: findings by file, approvals, bumps due, how to ask for an exception. */
export function summaryComment(decision: ReviewDecision, notes: ReviewNotes, opsTeam: string | null, headSha: string): string {
  const out: string[] = [SUMMARY_MARKER, '## Plimsoll review', '', `Reviewed at ${headSha.slice(0, 12)}.`, ''];
  const failing = decision.failing.length;
  for (const blocker of decision.blockers) out.push(`❌ ${blocker}`, '');
  out.push(
    failing > 0
      ? `❌ ${plural(failing, 'error')} on lines this pull request changes.`
      : decision.blockers.length > 0
        ? '❌ The check fails until the problem above is fixed.'
        : '✅ No unapproved errors on lines this pull request changes.',
    '',
  );
  out.push(...noteLines(notes).flatMap((l) => [l, '']));

  const byFile = new Map<string, ReviewedFinding[]>();
  for (const f of decision.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push(`### ${md(file)}`, '');
    for (const f of findings) {
      const where = f.changed ? '' : ' _(pre-existing)_';
      const approval = f.approval ? ` — ✅ approved by ${md(f.approval.by)}: ${reason(f.approval.reason)}` : '';
      out.push(`- line ${f.line}: **[${f.code}](${docsUrl(f.code)})** ${f.level}: ${md(f.message)}${where}${approval}`);
    }
    out.push('');
  }

  const approved = decision.findings.filter((f) => f.approval);
  if (approved.length > 0) {
    out.push('### Approved exceptions', '', '| Code | File | Line | By | Reason |', '|---|---|---|---|---|');
    for (const f of approved) out.push(`| ${f.code} | ${md(f.file)} | ${f.line} | ${md(f.approval!.by)} | ${reason(f.approval!.reason)} |`);
    out.push('');
  }

  const bumps = decision.findings.filter((f) => f.code === 'PL1003');
  if (bumps.length > 0) {
    out.push('### Bumps due', '');
    for (const f of bumps) out.push(`- ${md(f.file)} line ${f.line}: ${md(f.message)}`);
    out.push('');
  }

  if (decision.findings.some((f) => !f.approval)) {
    const who = opsTeam ? `A member of the ops team (${md(opsTeam)})` : 'An ops team member (the policy names no `ops.team`, so nobody can yet)';
    out.push(
      '<details><summary>How to ask for an exception</summary>',
      '',
      `${who} can comment, one command per line:`,
      '',
      '```',
      '/plimsoll approve PL1001 <reason>',
      '/plimsoll approve PL1001 path/to/Dockerfile:3 <reason>',
      '/plimsoll revoke PL1001',
      '/plimsoll recheck',
      '```',
      'An approval covers the finding as it stands now; changing that instruction, or the ARG default feeding its image, needs a new approval.',
      '</details>',
      '',
    );
  }
  return fit(out.join('\n'));
}

/** Cut text to GitHub's limit, saying so. */
export function fit(text: string, limit: number = GITHUB_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  const note = '\n\n_… cut here: the full list exceeds what GitHub accepts. Run `plimsoll lint` locally to see every finding._';
  const cut = text.slice(0, limit - note.length);
  return cut.slice(0, Math.max(0, cut.lastIndexOf('\n'))) + note;
}

/** User-derived text on one line of Markdown, inert. */
function md(text: string): string {
  return inertMarkdown(text, { max: 2000 });
}

function reason(text: string): string {
  return inertMarkdown(text, { max: REASON_SHOWN });
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
