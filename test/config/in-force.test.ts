import { describe, expect, it } from 'vitest';
import { describePolicyInForce, PolicyUnreadable, resolvePolicyInForce, validatePolicyText, type PolicyHistory } from '../../src/config/in-force.js';

const VALID_A = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n';
const VALID_B = 'version: 1\nimages:\n  - name: node\n    versions: [20.12.0]\n';
const BROKEN = 'version: 1\nimages:\n  - name: node\n    update: minr\n';
const BROKEN_2 = 'version: 2\n';

/** A file history, newest first: `[commit, text | null]`; every read is recorded. */
function history(versions: Array<[string, string | null]>, faults: { current?: boolean; commits?: boolean; textAt?: string } = {}) {
  const reads: string[] = [];
  const port: PolicyHistory = {
    current: async () => {
      reads.push('current');
      if (faults.current) throw new PolicyUnreadable('GitHub answered 502');
      return versions[0]?.[1] ?? null;
    },
    commits: async (limit) => {
      reads.push(`commits(${limit})`);
      if (faults.commits) throw new PolicyUnreadable('GitHub answered 503');
      return versions.slice(0, limit).map(([sha]) => sha);
    },
    textAt: async (commit) => {
      reads.push(`textAt(${commit})`);
      if (faults.textAt === commit) throw new PolicyUnreadable('GitHub answered 500');
      return versions.find(([sha]) => sha === commit)?.[1] ?? null;
    },
  };
  return { port, reads };
}

const names = (policy: { images: Array<{ versions: string[] | null }> | null } | null) => policy?.images?.[0]?.versions;

describe('resolvePolicyInForce', () => {
  it('no policy file: none, and the remembered version is forgotten', async () => {
    const { port, reads } = history([]);
    const { state, remember } = await resolvePolicyInForce(port, { text: VALID_A, commit: 'c1' });
    expect(state).toEqual({ status: 'none', policy: null, errors: null, reason: null, sha: null });
    expect(remember).toBe('forget');
    expect(reads).toEqual(['current']);
  });

  it('a valid current file is in force after one read, and is remembered', async () => {
    const { port, reads } = history([['c2', VALID_B], ['c1', VALID_A]]);
    const { state, remember } = await resolvePolicyInForce(port, null);
    expect(state.status).toBe('in-force');
    expect(names(state.policy)).toEqual(['20.12.0']);
    expect(state.errors).toBeNull();
    expect(remember).toEqual({ text: VALID_B, commit: null });
    expect(reads).toEqual(['current']);
  });

  it('keeps the commit it knows when the current file is the one remembered, writing nothing', async () => {
    const { port } = history([['c2', VALID_B]]);
    const { state, remember } = await resolvePolicyInForce(port, { text: VALID_B, commit: 'c2' });
    expect(state.sha).toBe('c2');
    expect(remember).toBeNull();
  });

  it('an invalid current file: the newest valid version of the history stays in force, with the errors', async () => {
    const { port, reads } = history([['c4', BROKEN], ['c3', BROKEN_2], ['c2', VALID_B], ['c1', VALID_A]]);
    const { state, remember } = await resolvePolicyInForce(port, null);
    expect(state.status).toBe('in-force');
    expect(names(state.policy)).toEqual(['20.12.0']);
    expect(state.sha).toBe('c2');
    expect(state.errors?.map((e) => e.line)).toEqual([4]);
    expect(state.reason).toBe('the current file is invalid; the version of commit c2 stays in force');
    expect(remember).toEqual({ text: VALID_B, commit: 'c2' });
    // The newest commit is the current file, not read twice; the walk stops at the first valid one.
    expect(reads).toEqual(['current', 'commits(30)', 'textAt(c3)', 'textAt(c2)']);
  });

  it('reaching the remembered commit uses it without reading it', async () => {
    const { port, reads } = history([['c3', BROKEN], ['c2', VALID_B], ['c1', VALID_A]]);
    const { state, remember } = await resolvePolicyInForce(port, { text: VALID_B, commit: 'c2' });
    expect(names(state.policy)).toEqual(['20.12.0']);
    expect(state.sha).toBe('c2');
    expect(remember).toBeNull();
    expect(reads).toEqual(['current', 'commits(30)']);
  });

  it('a remembered version older than a valid one in the history loses to it (the newest valid wins)', async () => {
    const { port } = history([['c3', BROKEN], ['c2', VALID_B], ['c1', VALID_A]]);
    const { state } = await resolvePolicyInForce(port, { text: VALID_A, commit: 'c1' });
    expect(state.sha).toBe('c2');
    expect(names(state.policy)).toEqual(['20.12.0']);
  });

  it('no version ever valid: never-valid, with the current errors and why', async () => {
    const { port } = history([['c2', BROKEN], ['c1', BROKEN_2]]);
    const { state } = await resolvePolicyInForce(port, null);
    expect(state).toMatchObject({ status: 'never-valid', policy: null, reason: 'no version of .github/plimsoll-policy.yml on the default branch was ever valid' });
    expect(state.errors).toHaveLength(1);
  });

  it('a remembered version that is not in the complete history does not count (force-pushed away)', async () => {
    const { port } = history([['c2', BROKEN], ['c1', BROKEN_2]]);
    const { state } = await resolvePolicyInForce(port, { text: VALID_A, commit: 'gone' });
    expect(state.status).toBe('never-valid');
  });

  it('stops at a version where the file did not exist: what came before it does not count', async () => {
    const { port, reads } = history([['c3', BROKEN], ['c2', null], ['c1', VALID_A]]);
    const { state } = await resolvePolicyInForce(port, null);
    expect(state.status).toBe('never-valid');
    expect(reads).toEqual(['current', 'commits(30)', 'textAt(c2)']);
  });

  it('looks back a bounded number of versions; beyond, the remembered version, else never-valid', async () => {
    const versions: Array<[string, string | null]> = Array.from({ length: 5 }, (_, i) => [`c${5 - i}`, BROKEN]);
    const { port, reads } = history(versions);
    const none = await resolvePolicyInForce(port, null, { lookback: 3 });
    expect(none.state).toMatchObject({ status: 'never-valid', reason: 'none of the last 3 versions of .github/plimsoll-policy.yml on the default branch is valid, and no older valid version is known' });
    expect(reads).toEqual(['current', 'commits(3)', 'textAt(c4)', 'textAt(c3)']);

    const kept = await resolvePolicyInForce(history(versions).port, { text: VALID_A, commit: 'c0' }, { lookback: 3 });
    expect(kept.state).toMatchObject({ status: 'in-force', sha: 'c0', reason: 'none of the last 3 versions of .github/plimsoll-policy.yml is valid; the last valid version Plimsoll kept (commit c0) stays in force' });
    expect(names(kept.state.policy)).toEqual(['20.11.1']);
  });

  it('GitHub not answering for the current file: unreadable, whatever is remembered', async () => {
    const { port } = history([['c1', VALID_A]], { current: true });
    const { state, remember } = await resolvePolicyInForce(port, { text: VALID_A, commit: 'c1' });
    expect(state).toEqual({ status: 'unreadable', policy: null, errors: null, reason: 'GitHub answered 502', sha: null });
    expect(remember).toBeNull();
  });

  it('the history not answering: the remembered version if any, else unreadable', async () => {
    const versions: Array<[string, string | null]> = [['c2', BROKEN], ['c1', VALID_A]];
    expect((await resolvePolicyInForce(history(versions, { commits: true }).port, null)).state).toMatchObject({ status: 'unreadable', reason: 'GitHub answered 503' });
    const kept = await resolvePolicyInForce(history(versions, { commits: true }).port, { text: VALID_A, commit: 'c1' });
    expect(kept.state).toMatchObject({ status: 'in-force', sha: 'c1' });
    expect(kept.state.reason).toContain('could not be read (GitHub answered 503)');
    expect((await resolvePolicyInForce(history(versions, { textAt: 'c1' }).port, null)).state.status).toBe('unreadable');
  });

  it('a remembered text that no longer validates (a stricter Plimsoll) is not used', async () => {
    const { port } = history([['c2', BROKEN], ['c1', BROKEN_2]], { commits: true });
    const { state } = await resolvePolicyInForce(port, { text: BROKEN_2, commit: 'c1' });
    expect(state.status).toBe('unreadable');
  });
});

describe('validatePolicyText', () => {
  it('refuses binary and oversized files without parsing them', () => {
    expect(validatePolicyText('version: 1\u0000\u0001')).toEqual({ ok: false, errors: [{ file: '.github/plimsoll-policy.yml', line: 1, column: 1, message: 'the policy is a binary file (it holds NUL bytes), not YAML text' }] });
    const huge = validatePolicyText(`version: 1\n#${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(huge.ok).toBe(false);
    expect(!huge.ok && huge.errors[0]!.message).toMatch(/^the policy is \d+ characters long; the limit is 1048576$/);
  });
});

describe('describePolicyInForce', () => {
  it('says what a review runs with, or why it cannot pass', () => {
    expect(describePolicyInForce({ status: 'never-valid', policy: null, errors: [], reason: 'no version was ever valid', sha: null }, 'acme/.github')).toBe(
      'acme/.github exists, but no version was ever valid: every review fails until ops fix it.',
    );
    expect(describePolicyInForce({ status: 'unreadable', policy: null, errors: null, reason: 'GitHub answered 502', sha: null }, 'acme/.github')).toBe(
      'Waiting for the policy: acme/.github cannot be read right now (GitHub answered 502).',
    );
  });
});
