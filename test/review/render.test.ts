import { describe, expect, it } from 'vitest';
import type { ReviewDecision, ReviewedFinding } from '../../src/review/decision.js';
import { annotationBatches, checkOutput, fit, GITHUB_TEXT_LIMIT, summaryComment } from '../../src/review/render.js';

const reviewed = (line: number, changed = true): ReviewedFinding => ({
  code: 'PL1001', level: 'error', file: 'Dockerfile', line, column: 6, endColumn: 12, message: 'x'.repeat(200), changed, instruction: 'FROM ubuntu', approval: null,
});

describe('rendering', () => {
  it('cuts check output and comments to GitHub limits, saying so', () => {
    const findings = Array.from({ length: 1000 }, (_, i) => reviewed(i + 1, i % 2 === 0));
    const decision: ReviewDecision = { findings, failing: findings.filter((f) => f.changed), conclusion: 'failure' };
    const output = checkOutput(decision);
    expect(output.text.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(output.text).toMatch(/_… cut here: the full list exceeds what GitHub accepts\. Run `plimsoll lint` locally to see every finding\._$/);
    const comment = summaryComment(decision, {}, 'platform-ops', '<!-- store -->');
    expect(comment.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT);
    expect(comment.endsWith('\n<!-- store -->')).toBe(true);
    expect(annotationBatches(decision).map((b) => b.length)).toStrictEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
  });

  it('leaves short text alone', () => {
    expect(fit('short')).toBe('short');
  });
});
