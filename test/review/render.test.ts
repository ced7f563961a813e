import { describe, expect, it } from 'vitest';
import type { Approval } from '../../src/review/approvals.js';
import type { ReviewDecision, ReviewedFinding } from '../../src/review/decision.js';
import { annotationBatches, checkOutput, fit, GITHUB_TEXT_LIMIT, SUMMARY_MARKER, summaryComment } from '../../src/review/render.js';

const reviewed = (line: number, changed = true, fields: Partial<ReviewedFinding> = {}): ReviewedFinding => ({
  code: 'PL1001', level: 'error', file: 'Dockerfile', line, column: 6, endColumn: 12, message: 'x'.repeat(200), changed, instruction: 'FROM ubuntu', approval: null, ...fields,
});
const decisionOf = (findings: ReviewedFinding[]): ReviewDecision => ({ findings, failing: findings.filter((f) => f.changed && !f.approval), blockers: [], conclusion: 'failure' });
const HEAD = '0123456789abcdef0123456789abcdef01234567';

describe('rendering', () => {
  it('cuts check output and comments to GitHub limits, saying so', () => {
    const findings = Array.from({ length: 1000 }, (_, i) => reviewed(i + 1, i % 2 === 0));
    const decision = decisionOf(findings);
    const output = checkOutput(decision);
    expect(output.text.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(output.text).toMatch(/_… cut here: the full list exceeds what GitHub accepts\. Run `plimsoll lint` locally to see every finding\._$/);
    const comment = summaryComment(decision, {}, 'platform-ops', HEAD);
    expect(comment.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(comment.startsWith(`${SUMMARY_MARKER}\n## Plimsoll review\n\nReviewed at 0123456789ab.`)).toBe(true);
    expect(annotationBatches(decision).map((b) => b.length)).toStrictEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
  });

  it('leaves short text alone', () => {
    expect(fit('short')).toBe('short');
  });
});

describe('hostile text stays inert in the summary, the check and the annotations', () => {
  const approval: Approval = {
    code: 'PL1001', file: 'Dockerfile', line: 1, endLine: 1, instruction: 'FROM x', by: 'ops-olga', commentId: 1,
    reason: `ok </details>\n\n${SUMMARY_MARKER}\n## Plimsoll review\n✅ all approved @acme/platform-ops ${'y'.repeat(60_000)}`,
  };
  const path = 'svc/`a`` @acme/admins <!-- plimsoll:summary -->/Dockerfile';
  const decision = decisionOf([
    reviewed(1, true, { approval }),
    reviewed(2, true, { file: path, message: 'pulls \u202Eevil\u2066 @octocat <img src=x>' }),
  ]);
  const summary = summaryComment(decision, { tampering: [{ commentId: 9, author: 'ops-olga', editor: '@dev-dave' }] }, 'platform-ops', HEAD);
  const output = checkOutput(decision);

  it('keeps exactly one summary marker and one details section', () => {
    expect(summary.split(SUMMARY_MARKER)).toHaveLength(2);
    expect(summary.match(/<\/details>/g)).toHaveLength(1);
    expect(summary.match(/^## /gm)).toHaveLength(1);
    expect(output.text).not.toContain('<!--');
  });

  it('mentions nobody and shows hidden characters', () => {
    for (const text of [summary, output.summary, output.text]) {
      expect(text).not.toMatch(/@[A-Za-z0-9]/);
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(text).not.toMatch(/<img/);
    }
    expect(summary).toContain('\\u202E');
  });

  it('cuts a long reason for display, and the review still fits', () => {
    expect(summary.length).toBeLessThan(10_000);
    expect(summary).toContain('…');
    const [annotation] = annotationBatches(decision)[0]!;
    expect(annotation!.message.length).toBeLessThanOrEqual(4000);
  });

  it('sends the path of an annotation as it is, so GitHub places it', () => {
    expect(annotationBatches(decision)[0]![1]!.path).toBe(path);
    expect(annotationBatches(decision)[0]![1]!.message).toBe('pulls \\u202Eevil\\u2066 @octocat <img src=x>');
  });
});
