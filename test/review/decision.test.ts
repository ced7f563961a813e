import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import type { Finding } from '../../src/findings.js';
import { approve, decodeStore, encodeStore, revoke } from '../../src/review/approvals.js';
import { decideReview, wantsOpsReview, type Approval, type LintedFile } from '../../src/review/decision.js';

const TEXT = 'FROM centos:7\nRUN make\nFROM ubuntu \\\n  AS final\n';
const finding = (code: string, line: number, level: Finding['level'] = 'error'): Finding => ({ code, level, file: 'Dockerfile', line, column: 1, message: `${code} here` });
const file = (changed: LintedFile['changed'], findings: Finding[]): LintedFile => ({ path: 'Dockerfile', findings, dockerfile: parseDockerfile('Dockerfile', TEXT), changed });

describe('decideReview', () => {
  it('fails only for unapproved errors on changed lines; a continuation line counts for its instruction', () => {
    const decision = decideReview([file(new Set([4]), [finding('PL1001', 1), finding('PL1001', 3), finding('DL3006', 3, 'warning')])], []);
    expect(decision.findings.map((f) => [f.code, f.line, f.changed, f.instruction])).toStrictEqual([
      ['PL1001', 1, false, 'FROM centos:7'],
      ['PL1001', 3, true, 'FROM ubuntu \\ AS final'],
      ['DL3006', 3, true, 'FROM ubuntu \\ AS final'],
    ]);
    expect(decision.failing.map((f) => f.line)).toStrictEqual([3]);
    expect(decision.conclusion).toBe('failure');
  });

  it('an approval covers the same code, file and instruction text only', () => {
    const base = decideReview([file('all', [finding('PL1001', 3), finding('PL1001', 1)])], []);
    const granted = approve([], base.findings, { code: 'PL1001', file: 'Dockerfile', line: 3 }, { by: 'olga', reason: 'ok', commentId: 1 });
    expect(granted).toMatchObject({ ok: true, covered: 1 });
    const approvals = (granted as { approvals: Approval[] }).approvals;
    expect(approvals).toStrictEqual([{ code: 'PL1001', file: 'Dockerfile', instruction: 'FROM ubuntu \\ AS final', by: 'olga', reason: 'ok', commentId: 1 }]);
    const after = decideReview([file('all', [finding('PL1001', 3), finding('PL1001', 1)])], approvals);
    expect(after.failing.map((f) => f.line)).toStrictEqual([1]);
    expect(revoke(approvals, { code: 'PL1001', file: null, line: null })).toStrictEqual({ ok: true, approvals: [], covered: 1 });
    expect(revoke([], { code: 'PL1001', file: null, line: null })).toStrictEqual({ ok: false, refusal: 'there is no approval of PL1001 to revoke' });
  });

  it('wants an ops review per ops.review', () => {
    const clean = decideReview([file('all', [])], []);
    const dirty = decideReview([file('all', [finding('DL3006', 1, 'warning')])], []);
    expect([wantsOpsReview('always', clean), wantsOpsReview('on-findings', clean), wantsOpsReview('on-findings', dirty), wantsOpsReview('never', dirty)]).toStrictEqual([true, false, true, false]);
  });
});

describe('the signed approval store', () => {
  const store = { approvals: [{ code: 'PL1001', file: 'Dockerfile', instruction: 'FROM x', by: 'olga', reason: 'ok', commentId: 1 }], audit: ['note'] };

  it('round-trips with the key and refuses anything altered or signed with another key', () => {
    const encoded = encodeStore(store, 'k');
    expect(decodeStore(`text\n${encoded}`, 'k')).toStrictEqual({ ...store, tampered: false });
    expect(decodeStore(encoded, 'other')).toStrictEqual({ approvals: [], audit: [], tampered: true });
    expect(decodeStore(encoded.replace(/approvals \S{4}/, 'approvals AAAA'), 'k').tampered).toBe(true);
    expect(decodeStore('no store here', 'k')).toStrictEqual({ approvals: [], audit: [], tampered: false });
  });
});
