import { describe, expect, it } from 'vitest';
import { policyNotice } from '../../src/inventory/policy-notice.js';
import { emptyPolicy } from '../../src/policy/load.js';
import type { PolicyInForce } from '../../src/policy/in-force.js';

const WHERE = 'acme/.github/.github/plimsoll-policy.yml';
const error = { file: '.github/plimsoll-policy.yml', line: 3, column: 1, message: 'images: expected a list, got "<img src=x>"' };

describe('policyNotice: the top line of the inventory issue', () => {
  it.each<[string, PolicyInForce, string | null]>([
    ['in force', { status: 'in-force', policy: emptyPolicy(), errors: null, reason: null, sha: 'abc1234def' }, null],
    ['none', { status: 'none', policy: null, errors: null, reason: null, sha: null }, '⚠️ **No policy yet.** Add `acme/.github/.github/plimsoll-policy.yml`'],
    ['never valid', { status: 'never-valid', policy: null, errors: [error], reason: 'no version validated', sha: null }, '⛔ **The policy is invalid** (line 3: images: expected a list, got "&lt;img src=x&gt;")'],
    ['an invalid newest version', { status: 'in-force', policy: emptyPolicy(), errors: [error], reason: 'kept', sha: 'abc1234def' }, 'is invalid** (line 3: images: expected a list, got "&lt;img src=x&gt;"); the last valid version (abc1234) is in force.'],
    ['unreadable', { status: 'unreadable', policy: null, errors: null, reason: 'GitHub answered 502', sha: null }, '⚠️ **The policy could not be read**: GitHub answered 502.'],
  ])('%s', (_, state, expected) => {
    const notice = policyNotice(state, WHERE);
    if (expected === null) expect(notice).toBeNull();
    else expect(notice).toContain(expected);
    expect(notice ?? '').not.toContain('<img');
  });
});
