import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import type { Finding } from '../../src/findings.js';
import type { Approval } from '../../src/review/approvals.js';
import { decideReview, wantsOpsReview, type LintedFile } from '../../src/review/decision.js';

const TEXT = 'FROM centos:7\nRUN make\nFROM ubuntu \\\n  AS final\n';
const finding = (code: string, line: number, level: Finding['level'] = 'error'): Finding => ({ code, level, file: 'Dockerfile', line, column: 1, message: `${code} here` });
const file = (changed: LintedFile['changed'], findings: Finding[], text = TEXT): LintedFile => ({ path: 'Dockerfile', findings, dockerfile: parseDockerfile('Dockerfile', text), changed });
const approval = (line: number, instruction: string): Approval => ({ code: 'PL1001', file: 'Dockerfile', line, endLine: line, instruction, by: 'olga', reason: 'ok', commentId: 1 });

describe('decideReview', () => {
  it('fails only for unapproved errors on changed lines; a continuation line counts for its instruction', () => {
    const decision = decideReview([file(new Set([4]), [finding('PL1001', 1), finding('PL1001', 3), finding('DL3006', 3, 'warning')])], []);
    expect(decision.findings.map((f) => [f.code, f.line, f.changed, f.instruction])).toStrictEqual([
      ['PL1001', 1, false, 'FROM centos:7 => centos:7'],
      ['PL1001', 3, true, 'FROM ubuntu \\ AS final => ubuntu'],
      ['DL3006', 3, true, 'FROM ubuntu \\ AS final => ubuntu'],
    ]);
    expect(decision.failing.map((f) => f.line)).toStrictEqual([3]);
    expect(decision.conclusion).toBe('failure');
  });

  it('an approval covers the same code, file and instruction, as it resolved', () => {
    const after = decideReview([file('all', [finding('PL1001', 3), finding('PL1001', 1)])], [approval(3, 'FROM ubuntu \\ AS final => ubuntu')]);
    expect(after.failing.map((f) => f.line)).toStrictEqual([1]);
    expect(after.findings.find((f) => f.line === 3)?.approval?.by).toBe('olga');
  });

  it('a changed ARG default counts as a change to the FROM it feeds, transitively', () => {
    const text = 'ARG VERSION=22.04\nARG BASE=ubuntu:${VERSION}\nARG OTHER=x\nFROM ${BASE}\n';
    const onVersion = decideReview([file(new Set([1]), [finding('PL1001', 4)], text)], []);
    expect(onVersion.findings[0]).toMatchObject({ changed: true, instruction: 'FROM ${BASE} => ubuntu:22.04' });
    expect(onVersion.conclusion).toBe('failure');
    const onOther = decideReview([file(new Set([3]), [finding('PL1001', 4)], text)], []);
    expect(onOther.findings[0]!.changed).toBe(false);
    expect(onOther.conclusion).toBe('success');
  });

  it('an approval of the FROM as it resolved does not cover a new ARG default', () => {
    const text = 'ARG BASE=ubuntu:24.04\nFROM ${BASE}\n';
    const decision = decideReview([file(new Set([1]), [finding('PL1001', 2)], text)], [approval(2, 'FROM ${BASE} => ubuntu:22.04')]);
    expect(decision.failing).toHaveLength(1);
  });

  it('anything that keeps the review from seeing everything fails the check, findings or not', () => {
    const decision = decideReview([file('all', [])], [], ['the policy has never been valid']);
    expect(decision).toMatchObject({ conclusion: 'failure', blockers: ['the policy has never been valid'] });
  });

  it('wants an ops review per ops.review', () => {
    const clean = decideReview([file('all', [])], []);
    const dirty = decideReview([file('all', [finding('DL3006', 1, 'warning')])], []);
    expect([wantsOpsReview('always', clean), wantsOpsReview('on-findings', clean), wantsOpsReview('on-findings', dirty), wantsOpsReview('never', dirty)]).toStrictEqual([true, false, true, false]);
  });
});
