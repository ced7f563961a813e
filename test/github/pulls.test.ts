import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PullRequestClient } from '../../src/github/pulls.js';
import { describeGitHubError } from '../../src/github/retry.js';
import { checkedScope, takeViolations } from './checked-scope.js';

const repo = { owner: 'acme', repo: 'api' };
const HEAD = 'a'.repeat(40);
let waits: number[];
let bodies: Array<{ method: string; path: string; body: unknown }>;

function client(attempts = 3): PullRequestClient {
  const octokit = new ProbotOctokit({ auth: { token: 't' }, throttle: { enabled: false }, retry: { enabled: false } });
  return new PullRequestClient(octokit, repo, { attempts, sleep: async (ms) => void waits.push(ms), maxWaitMs: 120_000 });
}

function github(): nock.Scope {
  const scope = checkedScope();
  scope.on('request', (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    bodies.push({ method: req.method, path: decodeURIComponent(req.path), body: body ? (JSON.parse(body) as unknown) : null });
  });
  return scope;
}

/** What a failed call says to people, as the review and the logs word it. */
async function refusal(promise: Promise<unknown>, action = 'Doing it'): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return describeGitHubError(error, action);
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  nock.disableNetConnect();
  waits = [];
  bodies = [];
});
afterEach(() => {
  expect(takeViolations()).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('PullRequestClient: reading a pull request', () => {
  it('reads every page of the changed files', async () => {
    const page2 = 'https://api.github.com/repos/acme/api/pulls/7/files?per_page=100&page=2';
    github()
      .get('/repos/acme/api/pulls/7/files?per_page=100')
      .reply(200, [{ filename: 'Dockerfile', status: 'modified', patch: '@@ -1 +1 @@\n-FROM a\n+FROM b' }], { link: `<${page2}>; rel="next"` });
    github().get('/repos/acme/api/pulls/7/files?per_page=100&page=2').reply(200, [{ filename: 'big.bin', status: 'added' }]);
    const files = await client().listFiles(7);
    expect(files.map((f) => [f.filename, f.status, f.patch ?? null])).toEqual([
      ['Dockerfile', 'modified', '@@ -1 +1 @@\n-FROM a\n+FROM b'],
      ['big.bin', 'added', null],
    ]);
  });

  it('a 502 is retried after a pause, and the answer is used', async () => {
    github().get('/repos/acme/api/pulls/7').reply(502, { message: 'Bad Gateway' });
    github().get('/repos/acme/api/pulls/7').reply(200, { number: 7, state: 'open', head: { sha: HEAD } });
    const pull = await client().getPull(7);
    expect([pull.number, pull.state, pull.head.sha]).toEqual([7, 'open', HEAD]);
    expect(waits).toEqual([1000]);
  });

  it('GitHub failing every attempt: three requests, then an error that says so', async () => {
    github().get('/repos/acme/api/pulls/7').times(3).reply(500, { message: 'Server Error' });
    expect(await refusal(client().getPull(7), 'Reading pull request #7')).toBe('Reading pull request #7 failed: GitHub answered 500 and kept failing after retries');
    expect(waits).toEqual([1000, 2000]);
  });

  it('a 404 is not retried: the pull request or the repository cannot be seen', async () => {
    github().get('/repos/acme/api/pulls/7').reply(404, { message: 'Not Found' });
    expect(await refusal(client().getPull(7), 'Reading pull request #7')).toBe('Reading pull request #7 failed: not found (404), or the app cannot see it: Not Found');
    expect(waits).toEqual([]);
  });

  it('the secondary rate limit: waits as long as GitHub asks, then reads', async () => {
    github().get('/repos/acme/api/pulls/7/files?per_page=100').reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '7' });
    github().get('/repos/acme/api/pulls/7/files?per_page=100').reply(200, []);
    expect(await client().listFiles(7)).toEqual([]);
    expect(waits).toEqual([7000]);
  });

  it('a rate limit longer than the review may wait fails at once, saying when to retry', async () => {
    github().get('/repos/acme/api/pulls/7').reply(429, { message: 'Too Many Requests' }, { 'retry-after': '3600' });
    expect(await refusal(client().getPull(7), 'Reading pull request #7')).toBe("Reading pull request #7 hit GitHub's rate limit (retry after 3600 s)");
    expect(waits).toEqual([]);
  });

  it('a file at a commit: its text, or null when it is not there', async () => {
    github().get(`/repos/acme/api/contents/Dockerfile?ref=${HEAD}`).reply(200, 'FROM node:20\n');
    github().get(`/repos/acme/api/contents/gone?ref=${HEAD}`).reply(404, { message: 'Not Found' });
    expect(await client().readFile('Dockerfile', HEAD)).toBe('FROM node:20\n');
    expect(await client().readFile('gone', HEAD)).toBeNull();
  });
});

describe('PullRequestClient: the check run', () => {
  it("finds only this app's run on this head, the first one", async () => {
    const run = (id: number, appId: number, sha = HEAD) => ({ id, app: { id: appId }, head_sha: sha, status: 'completed', conclusion: 'success', started_at: '2026-01-01T00:00:00Z' });
    github()
      .get(`/repos/acme/api/commits/${HEAD}/check-runs?check_name=plimsoll&app_id=42&filter=all&per_page=100`)
      .reply(200, { total_count: 4, check_runs: [run(9, 42), run(3, 99), run(5, 42, 'b'.repeat(40)), run(8, 42)] });
    expect(await client().findCheck(HEAD, 'plimsoll', 42)).toEqual({ id: 8, startedAt: '2026-01-01T00:00:00Z', status: 'completed', conclusion: 'success' });
  });

  it('completes with one request per annotation batch, the last one completing', async () => {
    github().patch('/repos/acme/api/check-runs/5').times(3).reply(200, { id: 5 });
    const output = { title: '2 errors', summary: 's', text: '' };
    const annotation = (line: number) => ({ path: 'Dockerfile', start_line: line, end_line: line, annotation_level: 'failure' as const, title: 'PL1001', message: 'm' });
    await client().completeCheck(5, 'failure', output, [[annotation(1), annotation(2)], [annotation(3)]]);
    await client().completeCheck(5, 'success', output, []);
    expect(bodies.map((b) => b.body)).toEqual([
      { output: { ...output, annotations: [annotation(1), annotation(2)] } },
      { output: { ...output, annotations: [annotation(3)] }, status: 'completed', conclusion: 'failure' },
      { output, status: 'completed', conclusion: 'success' },
    ]);
  });

  it('a check GitHub rejects (422) says what GitHub said', async () => {
    github().post('/repos/acme/api/check-runs').reply(422, { message: 'Validation Failed', errors: [{ message: 'head_sha is not a valid commit' }] });
    expect(await refusal(client().createCheck(HEAD, 'plimsoll', { title: 't', summary: 's', text: '' }), 'Creating the `plimsoll` check run')).toBe(
      'Creating the `plimsoll` check run was rejected by GitHub (422): Validation Failed; head_sha is not a valid commit',
    );
  });
});

describe('PullRequestClient: the ops team and the comments', () => {
  it('membership: active counts, pending and 404 do not; a 403 is an error, not a no', async () => {
    github().get('/orgs/acme/teams/ops/memberships/olga').reply(200, { state: 'active', role: 'member' });
    github().get('/orgs/acme/teams/ops/memberships/ivan').reply(200, { state: 'pending', role: 'member' });
    github().get('/orgs/acme/teams/ops/memberships/eve').reply(404, { message: 'Not Found' });
    github().get('/orgs/acme/teams/ops/memberships/mallory').reply(403, { message: 'Resource not accessible by integration' });
    const pulls = client();
    expect(await pulls.isTeamMember('ops', 'olga')).toBe(true);
    expect(await pulls.isTeamMember('ops', 'ivan')).toBe(false);
    expect(await pulls.isTeamMember('ops', 'eve')).toBe(false);
    expect(await refusal(pulls.isTeamMember('ops', 'mallory'), 'Asking for team membership')).toBe(
      'Asking for team membership was forbidden (403): the app lacks a permission or access to this repository: Resource not accessible by integration',
    );
  });

  it('a team the app cannot see (404, or 403 without Members: read) is told apart from a non-member', async () => {
    github().get('/orgs/acme/teams/ops').reply(200, { id: 1, slug: 'ops' });
    github().get('/orgs/acme/teams/nope').reply(404, { message: 'Not Found' });
    github().get('/orgs/acme/teams/hidden').reply(403, { message: 'Resource not accessible by integration' });
    github().get('/orgs/acme/teams/flaky').times(3).reply(503, { message: 'Service Unavailable' });
    const pulls = client();
    expect(await pulls.teamVisible('ops')).toBe(true);
    expect(await pulls.teamVisible('nope')).toBe(false);
    expect(await pulls.teamVisible('hidden')).toBe(false);
    await expect(pulls.teamVisible('flaky')).rejects.toMatchObject({ status: 503 });
  });

  it('asks the team for a review, and a refusal (422) says why', async () => {
    github().post('/repos/acme/api/pulls/7/requested_reviewers').reply(201, {});
    github().post('/repos/acme/api/pulls/7/requested_reviewers').reply(422, { message: 'Reviews may only be requested from collaborators.' });
    const pulls = client();
    await pulls.requestTeamReview(7, 'ops');
    expect(bodies[0]!.body).toEqual({ reviewers: [], team_reviewers: ['ops'] });
    expect(await refusal(pulls.requestTeamReview(7, 'ops'), 'Requesting a review from acme/ops')).toBe(
      'Requesting a review from acme/ops was rejected by GitHub (422): Reviews may only be requested from collaborators.',
    );
  });

  it('comments and reactions carry exactly the text given', async () => {
    github().post('/repos/acme/api/issues/7/comments').reply(201, { id: 77 });
    github().patch('/repos/acme/api/issues/comments/77').reply(200, { id: 77 });
    github().post('/repos/acme/api/issues/comments/12/reactions').reply(200, { id: 1, content: 'confused' });
    const pulls = client();
    expect(await pulls.createComment(7, 'first')).toBe(77);
    await pulls.updateComment(77, 'second');
    await pulls.react(12, 'confused');
    expect(bodies.map((b) => [b.method, b.path, b.body])).toEqual([
      ['POST', '/repos/acme/api/issues/7/comments', { body: 'first' }],
      ['PATCH', '/repos/acme/api/issues/comments/77', { body: 'second' }],
      ['POST', '/repos/acme/api/issues/comments/12/reactions', { content: 'confused' }],
    ]);
  });
});
