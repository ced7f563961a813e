import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, fixture, github, HEAD, logs, POLICY, pullJson, resetGitHub, reviewMocks, sent, testProbot, token, violations } from './harness.js';

type Writes = Array<{ route: string; body: unknown }>;
type Suite = { check_suite: { pull_requests: Array<{ number: number }>; app: { id: number } } };

const ADDED = { filename: 'Dockerfile', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM node:20.11.1' };

beforeEach(resetGitHub);
afterEach(() => {
  expect(violations).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
});

describe('check_suite.rerequested', () => {
  it('reviews every open pull request of the suite head again, one after the other', async () => {
    const writes: Writes = [];
    const scope = token(github());
    reviewMocks(scope, { pull: { number: 7 }, files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });
    // The second review finds the repository config and the policy cached, and the head's check run.
    reviewMocks(scope, { pull: { number: 8 }, existingCheck: { id: 99, startedAt: '2026-01-01T00:00:00Z' }, files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, configCached: true, writes });

    await deliver(testProbot(), { id: 'suite-1', name: 'check_suite', payload: fixture('check_suite.rerequested') });

    expect(writes.map((w) => [w.route, (w.body as { conclusion?: string }).conclusion])).toStrictEqual([
      ['POST check-runs', undefined],
      ['PATCH check-runs', 'success'],
      ['PATCH check-runs', 'success'],
    ]);
    expect(logs.filter((l) => l.msg === 'pull request reviewed').map((l) => [l.delivery, l.pr, l.decision])).toStrictEqual([
      ['suite-1', 7, 'success'],
      ['suite-1', 8, 'success'],
    ]);
  });

  it('skips a pull request closed since, or whose head moved on, and says why in the log', async () => {
    token(github()).get('/repos/acme/web/pulls/7').reply(200, pullJson({ number: 7, state: 'closed' })).get('/repos/acme/web/pulls/8').reply(200, pullJson({ number: 8, head: 'f'.repeat(40) }));

    await deliver(testProbot(), { id: 'suite-2', name: 'check_suite', payload: fixture('check_suite.rerequested') });

    expect(sent).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7', 'GET /repos/acme/web/pulls/8']);
    expect(logs.filter((l) => l.decision === 'skipped').map((l) => [l.pr, l.why])).toStrictEqual([
      [7, 'the pull request is closed'],
      [8, `the event was for ${HEAD.slice(0, 7)}, the head is now fffffff`],
    ]);
  });

  it('a suite with no pull request (a push to a branch without one) sends nothing', async () => {
    const payload = fixture<Suite>('check_suite.rerequested');
    payload.check_suite.pull_requests = [];
    await deliver(testProbot(), { id: 'suite-3', name: 'check_suite', payload });
    expect(sent).toStrictEqual([]);
  });

  it('another app’s suite is not ours to re-run', async () => {
    const payload = fixture<Suite>('check_suite.rerequested');
    payload.check_suite.app.id = 999;
    token(github());
    await deliver(testProbot(), { id: 'suite-4', name: 'check_suite', payload });
    expect(sent).toStrictEqual([]);
    nock.cleanAll();
  });
});

describe('check_run.rerequested', () => {
  it('reviews the pull request of that commit again', async () => {
    const writes: Writes = [];
    reviewMocks(token(github()), { files: [ADDED], contents: { Dockerfile: 'FROM node:20.11.1\n' }, policy: POLICY, writes });

    await deliver(testProbot(), { id: 'run-1', name: 'check_run', payload: fixture('check_run.rerequested') });

    expect(sent.slice(0, 3)).toStrictEqual(['POST /app/installations/42/access_tokens', 'GET /repos/acme/web/pulls/7', 'GET /repos/acme/web/pulls/7/files?per_page=100']);
    expect(writes.map((w) => [w.route, (w.body as { conclusion?: string }).conclusion])).toStrictEqual([
      ['POST check-runs', undefined],
      ['PATCH check-runs', 'success'],
    ]);
  });

  it('ignores a re-run of a check of another name', async () => {
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
    expect(error.msg).toMatch(/^Reading pull request #7 failed: not found \(404\)/);
    expect(JSON.stringify(error)).not.toContain('"stack"');
  });
});
