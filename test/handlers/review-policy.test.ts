import { describe, expect, it } from 'vitest';
import { reviewPolicy } from '../../src/handlers/review-policy.js';
import type { PolicyInForce } from '../../src/config/in-force.js';
import { policyFrom } from '../fanout/policies.js';

const unreadable: PolicyInForce = { status: 'unreadable', policy: null, errors: null, reason: 'GitHub answered 502', sha: null };
const inForce: PolicyInForce = { status: 'in-force', policy: policyFrom('version: 1\n'), errors: null, reason: null, sha: 'c1' };

function answers(...states: PolicyInForce[]) {
  let calls = 0;
  return { read: async () => states[Math.min(calls++, states.length - 1)]!, calls: () => calls };
}

describe('reviewPolicy', () => {
  it('waits while GitHub cannot give the policy, saying what for, and runs once it can', async () => {
    const told: Array<[string, number, number]> = [];
    const slept: number[] = [];
    const { read, calls } = answers(unreadable, unreadable, inForce);
    const result = await reviewPolicy(read, { onWait: async (...args) => void told.push(args), sleep: async (ms) => void slept.push(ms), delaysMs: [10, 20, 40] }, 'acme/.github/p.yml');
    expect(result).toMatchObject({ policy: inForce.policy, blocked: null });
    expect(told).toEqual([
      ['GitHub answered 502', 10, 1],
      ['GitHub answered 502', 20, 2],
    ]);
    expect(slept).toEqual([10, 20]);
    expect(calls()).toBe(3);
  });

  it('after the last wait the review is blocked, never passed; a refused check update does not end the wait', async () => {
    const { read } = answers(unreadable);
    const result = await reviewPolicy(read, { onWait: async () => Promise.reject(new Error('403')), sleep: async () => undefined, delaysMs: [1, 1] }, 'acme/.github/p.yml');
    expect(result.policy).toBeNull();
    expect(result.blocked).toEqual({
      title: 'Waiting for the policy',
      summary: 'The policy acme/.github/p.yml could not be read (GitHub answered 502), even after waiting; a review does not pass without its policy. Re-run this check once GitHub answers.',
    });
  });

  it('a policy file never valid blocks every review; no policy file runs the built-in rules', async () => {
    const never: PolicyInForce = { status: 'never-valid', policy: null, errors: [{ file: 'p.yml', line: 1, column: 1, message: 'version must be 1, got 2' }], reason: 'no version of p.yml on the default branch was ever valid', sha: null };
    const blocked = await reviewPolicy(answers(never).read, { onWait: async () => undefined }, 'p.yml');
    expect(blocked.blocked?.title).toBe('No valid policy: every review fails');
    expect(blocked.blocked?.summary).toBe('The policy file p.yml exists, but no version of p.yml on the default branch was ever valid, so no review can pass until ops fix it (p.yml:1: version must be 1, got 2).');
    const none = await reviewPolicy(answers({ status: 'none', policy: null, errors: null, reason: null, sha: null }).read, { onWait: async () => undefined }, 'p.yml');
    expect(none).toMatchObject({ policy: null, blocked: null });
  });
});
