import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, fixture, github, HEAD, logs, POLICY, resetGitHub, reviewMocks, sent, testProbot, token, violations } from './harness.js';

type Writes = Array<{ route: string; body: unknown }>;
type Suite = { check_suite: { pull_requests: Array<{ number: number }> } };

const ADDED = { filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' };
const pull = (number: number, state = 'open', sha = HEAD) => ({ number, state, head: { sha }, user: { login: 'dev-dana' }, requested_teams: [] });

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

describe('check_suite.rerequested', () => {
  it('reviews every open pull request of the suite head again, one after the other', async () => {
    const writes: Writes = [];
    const scope = token(github()).get('/repos/acme/web/pulls/7').reply(200, pull(7)).get('/repos/acme/web/pulls/8').reply(200, pull(8));
    reviewMocks(scope, { pull: 7, files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });
    // The second review finds the repository config and the policy cached.
    reviewMocks(scope, { pull: 8, checkRunId: 100, files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, configCached: true, writes });

    await deliver(testProbot(), { id: 'suite-1', name: 'check_suite', payload: fixture('check_suite.rerequested') });

    expect(sent).toStrictEqual([
      'POST /app/installations/42/access_tokens',
      'GET /repos/acme/web/pulls/7',
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      'GET /repos/acme/web/contents/.github/plimsoll.yml',
      'POST /repos/acme/web/check-runs',
      'GET /repos/acme/.github/contents/.github/plimsoll-policy.yml',
      `GET /repos/acme/web/contents/Dockerfile?ref=${HEAD}`,
      'GET /repos/acme/web/issues/7/comments?per_page=100',
      'PATCH /repos/acme/web/check-runs/99',
      'GET /repos/acme/web/pulls/8',
      'GET /repos/acme/web/pulls/8/files?per_page=100',
      'POST /repos/acme/web/check-runs',
      `GET /repos/acme/web/contents/Dockerfile?ref=${HEAD}`,
      'GET /repos/acme/web/issues/8/comments?per_page=100',
      'PATCH /repos/acme/web/check-runs/100',
    ]);
    const created = { name: 'plimsoll', head_sha: HEAD, status: 'in_progress', output: { title: 'Reviewing container definitions', summary: 'Linting 1 changed container definition(s).', text: '' } };
    const completed = {
      status: 'completed',
      conclusion: 'success',
      output: {
        title: 'No problems on changed lines',
        summary: '0 findings on changed lines (0 failing, 0 approved); 0 pre-existing findings on untouched lines, which never fail the check.',
        text: '',
      },
    };
    expect(writes).toStrictEqual([
      { route: 'POST check-runs', body: created },
      { route: 'PATCH check-runs', body: completed },
      { route: 'POST check-runs', body: created },
      { route: 'PATCH check-runs', body: completed },
    ]);
    expect(logs.filter((l) => l.msg === 'pull request reviewed').map((l) => [l.delivery, l.pr, l.decision])).toStrictEqual([
      ['suite-1', 7, 'success'],
      ['suite-1', 8, 'success'],
    ]);
  });

  it('skips a pull request closed since, or whose head moved on, and says why in the log', async () => {
    token(github()).get('/repos/acme/web/pulls/7').reply(200, pull(7, 'closed')).get('/repos/acme/web/pulls/8').reply(200, pull(8, 'open', 'f'.repeat(40)));

    await deliver(testProbot(), { id: 'suite-2', name: 'check_suite', payload: fixture('check_suite.rerequested') });

    expect(sent).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7', 'GET /repos/acme/web/pulls/8']);
    expect(logs.filter((l) => l.msg === 're-run skipped').map((l) => [l.pr, l.why])).toStrictEqual([
      [7, 'closed'],
      [8, 'head moved on'],
    ]);
  });

  it('a suite with no pull request (a push to a branch without one) sends nothing', async () => {
    const payload = fixture<Suite>('check_suite.rerequested');
    payload.check_suite.pull_requests = [];
    await deliver(testProbot(), { id: 'suite-3', name: 'check_suite', payload });
    expect(sent).toStrictEqual([]);
  });
});

describe('check_run.rerequested', () => {
  it('reviews the pull request of that commit again', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()).get('/repos/acme/web/pulls/7').reply(200, pull(7)), { files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });

    await deliver(testProbot(), { id: 'run-1', name: 'check_run', payload: fixture('check_run.rerequested') });

    expect(sent.slice(0, 3)).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7', 'GET /repos/acme/web/pulls/7/files?per_page=100']);
    expect(writes.map((w) => [w.route, (w.body as { conclusion?: string }).conclusion])).toStrictEqual([
      ['POST check-runs', undefined],
      ['PATCH check-runs', 'success'],
    ]);
  });

  it('ignores a re-run of another app’s check', async () => {
    const payload = fixture<{ check_run: { name: string } }>('check_run.rerequested');
    payload.check_run.name = 'ci/build';
    await deliver(testProbot(), { id: 'run-2', name: 'check_run', payload });
    expect(sent).toStrictEqual([]);
  });
});

describe('a background failure', () => {
  it('is logged with what was being done, and the webhook was already answered', async () => {
    token(github()).get('/repos/acme/web/pulls/7').reply(404, { message: 'Not Found' });
    await deliver(testProbot(), { id: 'run-3', name: 'check_run', payload: fixture('check_run.rerequested') });
    const error = logs.find((l) => l.level === 50)!;
    expect(error).toMatchObject({ delivery: 'run-3', decision: 'error', status: 404 });
    expect(error.msg).toMatch(/^Re-running the review/);
    expect(JSON.stringify(error)).not.toContain('"stack"');
  });
});
