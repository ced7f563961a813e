import { createProbot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { deliverWebhook } from '../sim/webhooks.js';
import { PRIVATE_KEY, startApp, WEBHOOK_SECRET, type RunningApp } from './app.js';

const POLICY = `version: 1
ops:
  team: platform-ops
  review: on-findings
images:
  - name: node
    versions: [20.11.1]
`;

let sim: Simulator;
let app: RunningApp | undefined;

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': POLICY });
  sim.state.addRepo('web', { 'README.md': '# web\n' });
  sim.state.addTeam('platform-ops', ['olga']);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
});

describe('a pull request reviewed end to end', () => {
  it('fails the check, comments once, asks ops, and passes once ops approve', async () => {
    app = await startApp(sim);
    const { number, payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' }, author: 'dev-dana' });

    expect(await app.deliver('pull_request', payload)).toMatchObject({ status: 200 });

    const [check] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 error on changed lines' } });
    expect(check!.annotations).toStrictEqual([
      { path: 'Dockerfile', start_line: 1, end_line: 1, start_column: 1, end_column: 1, annotation_level: 'warning', title: 'PL2001 (warning)', message: 'The final stage runs as root: no USER is set; add `USER <non-root user>`' },
      { path: 'Dockerfile', start_line: 1, end_line: 1, start_column: 6, end_column: 18, annotation_level: 'failure', title: 'PL1001 (error)', message: 'ubuntu is not on the image whitelist; allowed images: node' },
    ]);
    const comments = () => sim.state.commentsOn('web', number);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain(SUMMARY_MARKER);
    expect(comments()[0]!.user.type).toBe('Bot');
    expect(sim.state.pull(sim.state.repo('web'), number)!.pull.requestedTeams).toStrictEqual(['platform-ops']);

    // GitHub redelivers: the summary is updated in place, never duplicated.
    expect(await app.deliver('pull_request', payload)).toMatchObject({ status: 200 });
    expect(comments()).toHaveLength(1);

    const approval = sim.comment('web', number, 'olga', '/plimsoll approve PL1001 the base image is audited by ops');
    expect(await app.deliver('issue_comment', approval.payload)).toMatchObject({ status: 200 });

    const latest = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
    expect(latest).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(sim.state.comments.get(approval.id)!.reactions.map((r) => r.content)).toStrictEqual(['+1']);
    const summaries = comments().filter((c) => c.body.includes(SUMMARY_MARKER));
    expect(summaries).toHaveLength(1);
    // Who approved is named, without pinging them on every update of the summary.
    expect(summaries[0]!.body).toContain('✅ approved by olga: the base image is audited by ops');
    expect(summaries[0]!.body).not.toMatch(/@[a-z]/);
    expect(sim.counters.unknown).toStrictEqual([]);
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('refuses an approval from someone outside the ops team, and the check stays failed', async () => {
    app = await startApp(sim);
    const { number, payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' } });
    await app.deliver('pull_request', payload);

    const attempt = sim.comment('web', number, 'mallory', '/plimsoll approve PL1001 trust me');
    await app.deliver('issue_comment', attempt.payload);

    expect(sim.state.checkRunsOf('web', 'plimsoll').map((run) => run.conclusion)).toStrictEqual(['failure']);
    const reply = sim.state.commentsOn('web', number).at(-1)!;
    expect(reply.body).toContain('only members of the ops team (platform-ops) can approve or revoke exceptions');
    expect(sim.state.comments.get(attempt.id)!.reactions.map((r) => r.content)).toStrictEqual(['confused']);
    expect(sim.counters.unknown).toStrictEqual([]);
  });

  it('rejects a delivery whose signature does not match, without calling GitHub', async () => {
    app = await startApp(sim);
    const { payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\n' } });
    const forged = await deliverWebhook(app.url, { name: 'pull_request', payload }, 'not-the-secret');
    expect(forged.status).toBe(400);
    expect(sim.state.checkRunsOf('web')).toStrictEqual([]);
    expect(sim.counters.reads + sim.counters.writes).toBe(0);
  });
});

describe('pushes and re-runs', () => {
  it('a fix pushed to the pull request passes the check and updates the summary in place', async () => {
    app = await startApp(sim);
    const { number, payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' } });
    await app.deliver('pull_request', payload);
    const [summary] = sim.state.commentsOn('web', number);

    const fix = sim.synchronize('web', number, { Dockerfile: 'FROM node:20.11.1\nUSER 1000\nCMD ["true"]\n' });
    await app.deliver('pull_request', fix.payload);

    const runs = sim.state.checkRunsOf('web', 'plimsoll');
    expect(runs.map((run) => run.conclusion)).toStrictEqual(['failure', 'success']);
    expect(runs[1]!.headSha).toBe(sim.state.repo('web').branches.get('containerise'));
    expect(runs[1]!.annotations).toStrictEqual([]);
    expect(sim.state.commentsOn('web', number).map((c) => c.id)).toStrictEqual([summary!.id]);
    expect(sim.state.comments.get(summary!.id)!.body).not.toContain('ubuntu');
  });

  it('a 502 from GitHub on the file list is retried and the review completes', async () => {
    app = await startApp(sim);
    const { payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' } });
    sim.faults.failNext('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', 2, 502);

    await app.deliver('pull_request', payload);

    expect(sim.counters.faults).toBe(2);
    expect(sim.state.checkRunsOf('web', 'plimsoll').map((run) => run.conclusion)).toStrictEqual(['failure']);
  });

  it('"Re-run" on the check reviews the head commit again, on its one check run', async () => {
    app = await startApp(sim);
    const { payload } = sim.openPullRequest('web', { branch: 'containerise', changes: { Dockerfile: 'FROM ubuntu:22.04\nCMD ["true"]\n' } });
    await app.deliver('pull_request', payload);
    const [first] = sim.state.checkRunsOf('web', 'plimsoll');

    await app.deliver('check_run', sim.payloads.checkRunRerequested(sim.state.repo('web'), first!));

    const runs = sim.state.checkRunsOf('web', 'plimsoll');
    expect(runs.map((run) => [run.id, run.headSha, run.conclusion])).toStrictEqual([[first!.id, first!.headSha, 'failure']]);
    // Reviewed again (the pull request read a second time); the same result is not written twice.
    expect(sim.counters.byRoute['GET /repos/{owner}/{repo}/pulls/{pull_number}']).toBe(2);
    expect(sim.counters.byRoute['PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}']).toBe(1);
    expect(sim.counters.unknown).toStrictEqual([]);
  });
});

describe('GitHub Enterprise settings are all the app needs', () => {
  it('a Probot built from GHE_HOST and GHE_PROTOCOL=http sends REST and GraphQL to the simulator', async () => {
    const probot = createProbot({
      env: { APP_ID: '1', PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST: sim.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
    });
    const octokit = await probot.auth(sim.state.installationId);

    const repo = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'web' });
    const query = await octokit.graphql<{ repository: { defaultBranchRef: { name: string } } }>('query { repository(owner: "acme", name: "web") { defaultBranchRef { name } } }');

    expect(repo.data.default_branch).toBe('main');
    expect(query.repository.defaultBranchRef.name).toBe('main');
    expect(sim.counters.byRoute).toStrictEqual({
      'POST /app/installations/{installation_id}/access_tokens': 1,
      'GET /repos/{owner}/{repo}': 1,
      'POST /graphql': 1,
    });
    expect(sim.counters.unknown).toStrictEqual([]);
  });
});
