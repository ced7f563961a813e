import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidatePolicyCache } from '../../src/github/client.js';
import { contentsPath, deliver, fixture, github, HEAD, logs, POLICY, pullJson, recordWrites, resetGitHub, reviewMocks, sent, testProbot, token, violations } from './harness.js';

type Writes = Array<{ route: string; body: unknown }>;
const payload = fixture('pull_request.opened');
const ADDED = { filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM ubuntu' };

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

const receive = (probot = testProbot()) => deliver(probot, { id: 'delivery-e', name: 'pull_request', payload });
const body = (writes: Writes, route: string) => writes.filter((w) => w.route === route).at(-1)!.body as { body: string; conclusion: string; status?: string; output: { title: string; summary: string } };

describe('GitHub refusing or failing', () => {
  it('a 422 on the review request is explained in the summary, not thrown', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), { files: [ADDED], contents: { Dockerfile: 'FROM ubuntu\n' }, policy: POLICY, writes, postsComment: 1 })
      .post('/repos/acme/web/pulls/7/requested_reviewers')
      .reply(422, { message: 'Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the acme/web repository.' });

    await receive();

    const note =
      '⚠️ Requesting a review from acme/platform-ops was rejected by GitHub (422): Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the acme/web repository.. Check that the team exists and has access to this repository.';
    expect(body(writes, 'POST comments').body).toContain(note);
    expect(body(writes, 'PATCH check-runs').output.summary).toContain(note);
  });

  it('a 500 then success is retried', async () => {
    const writes: Writes = [];
    const scope = token(github()).get('/repos/acme/web/pulls/7/files?per_page=100').reply(500, { message: 'Server Error' });
    reviewMocks(scope, { files: [{ ...ADDED, patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });

    await receive();

    expect(body(writes, 'PATCH check-runs').conclusion).toBe('success');
    expect(sent.filter((s) => s.startsWith('GET /repos/acme/web/pulls/7/files'))).toHaveLength(2);
  });

  it('a secondary rate limit with retry-after is waited out', async () => {
    const writes: Writes = [];
    const scope = token(github())
      .post('/repos/acme/web/check-runs')
      .reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '3' });
    reviewMocks(scope, { files: [{ ...ADDED, patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });

    await receive();

    expect(body(writes, 'PATCH check-runs').conclusion).toBe('success');
  });

  it('a 403 on creating the check is logged with a clear message, no stack trace reaches anyone', async () => {
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, pullJson())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .reply(200, [ADDED])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .get(`/repos/acme/web/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/web/check-runs')
      .reply(403, { message: 'Resource not accessible by integration' });

    await receive();

    expect(logs.find((l) => l.decision === 'error')).toMatchObject({
      msg: 'Creating the `plimsoll` check run was forbidden (403): the app lacks a permission or access to this repository: Resource not accessible by integration',
      status: 403,
    });
    expect(JSON.stringify(logs)).not.toContain('"stack"');
  });

  it('a Dockerfile missing at the head fails the check, saying it could not be reviewed', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), { files: [ADDED], contents: {}, policy: POLICY, writes, postsComment: 1 });

    await receive();

    expect(body(writes, 'PATCH check-runs').conclusion).toBe('failure');
    expect(body(writes, 'POST comments').body).toContain('❌ Dockerfile could not be read at 0123456; the check cannot pass until it can be reviewed.');
  });

  it('when reading the comments keeps failing, the check fails closed with the reason', async () => {
    const writes: Writes = [];
    token(github())
      .get('/repos/acme/web/pulls/7')
      .reply(200, pullJson())
      .get('/repos/acme/web/pulls/7/files?per_page=100')
      .reply(200, [ADDED])
      .get(contentsPath('web', '.github/plimsoll.yml'))
      .reply(404)
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY)
      .get(`/repos/acme/web/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post('/repos/acme/web/check-runs', recordWrites(writes, 'POST check-runs'))
      .reply(201, { id: 99, started_at: '2026-01-01T00:00:00Z' })
      .post('/graphql', (b: { query: string }) => b.query.includes('object(expression'))
      .reply(200, { data: { repository: { f0: { oid: 'a'.repeat(40), byteSize: 12, isBinary: false, isTruncated: false, text: 'FROM ubuntu\n' } } } })
      .post('/graphql', (b: { query: string }) => b.query.includes('comments(first'))
      .times(3)
      .reply(502, { message: 'Bad Gateway' })
      .patch('/repos/acme/web/check-runs/99', recordWrites(writes, 'PATCH check-runs'))
      .reply(200, {});

    await receive();

    expect(body(writes, 'PATCH check-runs')).toStrictEqual({
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: 'Plimsoll could not finish the review',
        summary: 'The review failed: GitHub answered 502 and kept failing after retries.\n\nComment `/plimsoll recheck` or re-run the check to try again.',
        text: '',
      },
    });
  });
});

describe('policy', () => {
  it('an invalid policy is reported on the check and the last valid one stays in force', async () => {
    const probot = testProbot();
    const first: Writes = [];
    reviewMocks(token(github()), { files: [{ ...ADDED, patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes: first });
    await receive(probot);

    invalidatePolicyCache(42); // a push to the policy repository
    const second: Writes = [];
    reviewMocks(github(), { files: [ADDED], contents: { Dockerfile: 'FROM ubuntu:22.04\n' }, policy: 'version: 1\nimages:\n  - name: node\n    update: minr\n', writes: second, configCached: true, requestsReview: true, postsComment: 1 });
    await receive(probot);

    const check = body(second, 'PATCH check-runs');
    expect(check.conclusion).toBe('failure'); // PL1001 from the last valid policy
    expect(check.output.summary).toContain('**The policy is invalid and did not take effect**; the last valid policy was used:\n- .github/plimsoll-policy.yml:4: images[0].update must be one of patch, minor, major, got "minr"'.replace('[0]', '\\[0\\]'));
  });

  it('a policy file that was never valid fails every review, saying ops must fix it', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), { files: [{ ...ADDED, patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: 'version: 2\n', writes, postsComment: 1 })
      // The file's history on the default branch: one version, the same invalid one.
      .get(`/repos/acme/.github/commits?path=${encodeURIComponent('.github/plimsoll-policy.yml')}&per_page=30`)
      .reply(200, [{ sha: 'c2' }]);
    await receive();
    const check = body(writes, 'PATCH check-runs');
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('No valid policy: every review fails');
    expect(check.output.summary).toContain('was ever valid, so no review can pass until ops fix it');
    expect(body(writes, 'POST comments').body).toContain('was ever valid, so no review can pass until ops fix it');
  });

  it('a policy that cannot be read right now: the check waits, says why, and the review completes once it is read', async () => {
    const writes: Writes = [];
    // The check is updated twice: while waiting, then with the result.
    reviewMocks(token(github()), { files: [{ ...ADDED, patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' }], contents: { Dockerfile: 'FROM node:20.11.1\n' }, writes, updates: 2 })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .times(3)
      .reply(503, { message: 'Service Unavailable' })
      .get(contentsPath('.github', '.github/plimsoll-policy.yml'))
      .reply(200, POLICY);

    await receive();

    const [waiting, done] = writes.filter((w) => w.route === 'PATCH check-runs').map((w) => w.body as { status: string; conclusion?: string; output: { title: string; summary: string } });
    expect(waiting).toStrictEqual({
      status: 'in_progress',
      output: {
        title: 'Waiting for the policy',
        summary: 'Plimsoll cannot read the policy (acme/.github/.github/plimsoll-policy.yml) right now: GitHub answered 503. The review waits and asks again in 2 s (attempt 1); it does not pass without its policy.',
        text: '',
      },
    });
    expect(done).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});
