import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicySource, readPolicyAt } from '../../src/github/policy-source.js';
import { MemoryPolicyStore } from '../../src/config/policy-store.js';
import { checkedScope, takeViolations } from './checked-scope.js';

const FILE = `/repos/acme/.github/contents/${encodeURIComponent('.github/plimsoll-policy.yml')}`;
const COMMITS = `/repos/acme/.github/commits?path=${encodeURIComponent('.github/plimsoll-policy.yml')}&per_page=30`;
const VALID = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n';
const BROKEN = 'version: 1\nimages:\n  - name: node\n    update: minr\n';
const octokit = () => new ProbotOctokit({ auth: { token: 't' }, throttle: { enabled: false }, retry: { enabled: false } });
const noWait = { sleep: async () => undefined };

let requests: string[];
function github(): nock.Scope {
  const scope = checkedScope();
  scope.on('request', (req: { method: string; path: string }) => requests.push(`${req.method} ${decodeURIComponent(req.path)}`));
  return scope;
}

beforeEach(() => {
  nock.disableNetConnect();
  requests = [];
});
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('PolicySource', () => {
  it('concurrent callers share one read; the answer is kept until it expires or a push drops it', async () => {
    let now = 0;
    const source = new PolicySource({ ttlMs: 1000, now: () => now });
    github().get(FILE).times(3).reply(200, VALID);
    const [a, b] = await Promise.all([source.inForce(octokit(), 42, 'acme', noWait), source.inForce(octokit(), 42, 'acme', noWait)]);
    expect(a).toBe(b);
    expect(a.status).toBe('in-force');
    await source.inForce(octokit(), 42, 'acme', noWait);
    expect(requests).toHaveLength(1);

    now = 1001;
    await source.inForce(octokit(), 42, 'acme', noWait);
    expect(requests).toHaveLength(2);
    source.invalidate(42);
    await source.inForce(octokit(), 42, 'acme', noWait);
    expect(requests).toHaveLength(3);
  });

  it('no policy file in a repository the app sees, or no policy repository at all: none', async () => {
    github().get(FILE).reply(404, { message: 'Not Found' }).get('/repos/acme/.github').reply(200, { name: '.github' });
    expect(await new PolicySource().inForce(octokit(), 42, 'acme', noWait)).toEqual({ status: 'none', policy: null, errors: null, reason: null, sha: null });
    github()
      .get(FILE)
      .reply(404, { message: 'Not Found' })
      .get('/repos/acme/.github')
      .reply(404, { message: 'Not Found' })
      .get('/installation/repositories?per_page=1')
      .reply(200, { total_count: 3, repository_selection: 'all', repositories: [] });
    expect((await new PolicySource().inForce(octokit(), 42, 'acme', noWait)).status).toBe('none');
  });

  it('a policy repository the installation was not given is not "no policy": it fails closed', async () => {
    github()
      .get(FILE)
      .reply(404, { message: 'Not Found' })
      .get('/repos/acme/.github')
      .reply(404, { message: 'Not Found' })
      .get('/installation/repositories?per_page=1')
      .reply(200, { total_count: 3, repository_selection: 'selected', repositories: [] });
    expect(await new PolicySource().inForce(octokit(), 42, 'acme', noWait)).toMatchObject({
      status: 'unreadable',
      reason: "the app cannot see acme/.github; add it to the installation's repositories (or set PLIMSOLL_POLICY_REPO)",
    });
  });

  it('an invalid file: the history of the default branch gives the newest valid version, remembered for the next start', async () => {
    const store = new MemoryPolicyStore();
    github()
      .get(FILE)
      .reply(200, BROKEN)
      .get(COMMITS)
      .reply(200, [{ sha: 'c3' }, { sha: 'c2' }, { sha: 'c1' }])
      .get(`${FILE}?ref=c2`)
      .reply(200, BROKEN.replace('minr', 'majr'))
      .get(`${FILE}?ref=c1`)
      .reply(200, VALID);
    const state = await new PolicySource({ store }).inForce(octokit(), 42, 'acme', noWait);
    expect(state).toMatchObject({ status: 'in-force', sha: 'c1', reason: 'the current file is invalid; the version of commit c1 stays in force' });
    expect(state.errors?.[0]?.message).toBe('images[0].update must be one of patch, minor, major, got "minr"');
    expect(await store.get(42)).toEqual({ text: VALID, commit: 'c1' });

    // A restart that kept the store (Redis) needs the listing only.
    github().get(FILE).reply(200, BROKEN).get(COMMITS).reply(200, [{ sha: 'c3' }, { sha: 'c2' }, { sha: 'c1' }]).get(`${FILE}?ref=c2`).reply(200, BROKEN);
    requests = [];
    const restarted = await new PolicySource({ store }).inForce(octokit(), 42, 'acme', noWait);
    expect(restarted).toMatchObject({ status: 'in-force', sha: 'c1' });
    expect(requests).toEqual([`GET ${FILE.replace('%2F', '/')}`, `GET ${decodeURIComponent(COMMITS)}`, `GET ${decodeURIComponent(FILE)}?ref=c2`]);
  });

  it('names the default branch when it is known', async () => {
    github().get(FILE).reply(200, BROKEN).get(`${COMMITS}&sha=trunk`).reply(200, [{ sha: 'c1' }]);
    expect((await new PolicySource().inForce(octokit(), 42, 'acme', { ...noWait, defaultBranch: 'trunk' })).status).toBe('never-valid');
  });

  it('GitHub failing is unreadable, with what it answered, and is not kept: the next caller asks again', async () => {
    const source = new PolicySource();
    github().get(FILE).times(3).reply(502, { message: 'Bad Gateway' });
    expect(await source.inForce(octokit(), 42, 'acme', noWait)).toEqual({ status: 'unreadable', policy: null, errors: null, reason: 'GitHub answered 502', sha: null });
    github().get(FILE).reply(200, VALID);
    expect((await source.inForce(octokit(), 42, 'acme', noWait)).status).toBe('in-force');
  });

  it.each([
    ['a primary rate limit', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }, /^GitHub's rate limit, retry after \d+ s$/],
    ['a refusal', 403, {}, /^GitHub refused access \(403\): the app needs read access to the policy repository$/],
  ])('%s is unreadable, never a pass', async (_, status, headers, reason) => {
    github().get(FILE).reply(status, { message: 'no' }, headers);
    const state = await new PolicySource().inForce(octokit(), 42, 'acme', noWait);
    expect(state.status).toBe('unreadable');
    expect(state.reason).toMatch(reason);
  });

  it('a read that hangs gives up after the timeout', async () => {
    github().get(FILE).times(3).delay(500).reply(200, VALID);
    const state = await new PolicySource({ timeoutMs: 50 }).inForce(octokit(), 42, 'acme', noWait);
    expect(state).toMatchObject({ status: 'unreadable', reason: 'GitHub did not answer in time' });
  });

  it('a store that fails is told and the history is read instead', async () => {
    const failures: unknown[] = [];
    const broken = { get: async () => Promise.reject(new Error('redis down')), set: async () => Promise.reject(new Error('redis down')), delete: async () => undefined, close: async () => undefined };
    github().get(FILE).reply(200, VALID);
    const state = await new PolicySource({ store: broken, onStoreError: (error) => failures.push(error) }).inForce(octokit(), 42, 'acme', noWait);
    expect(state.status).toBe('in-force');
    expect(failures).toHaveLength(2);
  });
});

describe('readPolicyAt', () => {
  it('validates the file at a commit; nothing before a branch was created', async () => {
    github().get(`${FILE}?ref=abc`).reply(200, BROKEN);
    const location = { owner: 'acme', repo: '.github', path: '.github/plimsoll-policy.yml' };
    const read = await readPolicyAt(octokit(), location, 'abc', noWait);
    expect(read?.validation.ok).toBe(false);
    expect(await readPolicyAt(octokit(), location, '0'.repeat(40), noWait)).toBeNull();
  });
});
