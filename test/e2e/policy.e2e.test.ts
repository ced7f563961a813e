import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicySource } from '../../src/github/policy-source.js';
import { plimsoll } from '../../src/index.js';
import { POLICY_PREVIEW_MARKER } from '../../src/policy-check/render.js';
import { RedisPolicyStore } from '../../src/config/policy-store.js';
import { SUMMARY_MARKER } from '../../src/review/render.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from '../queue/redis-server.js';
import { SimClock } from '../sim/clock.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { SIGNING_KEY, startApp, type RunningApp } from './app.js';

const PATH = '.github/plimsoll-policy.yml';
const P1 = 'version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [20.11.1, 18.19.0]\n    update: minor\n';
const P2 = 'version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [20.12.0, 20.11.1, 18.19.0]\n    update: minor\n';
const BROKEN = 'version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [20.12.0]\n    update: minr\n';
const noWait = async () => undefined;

let sim: Simulator;
let app: RunningApp | undefined;
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  sim = await startSimulator({ clock: new SimClock({ start: Date.parse('2026-01-15T00:00:00Z') }) });
  sim.state.addTeam('platform-ops', ['olga']);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const close of closers.splice(0)) await close();
  await sim.close();
});

/** Background work (a push's check and fan-out) has finished once the simulator has been quiet a while. */
const settle = () => sim.idle(300);

/**
 * The simulator behind a front that answers 502 to the requests `fails` picks (GitHub failing on
 * one route only), and records the bodies of check-run updates, as GitHub would have seen them.
 */
async function front(fails: (method: string, url: string) => boolean) {
  const checkUpdates: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const url = req.url ?? '/';
      if (req.method === 'PATCH' && /\/check-runs\/\d+$/.test(url)) checkUpdates.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      if (fails(req.method ?? 'GET', url)) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end('{"message":"Bad Gateway"}');
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers as IncomingHttpHeaders).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))) as Record<string, string>;
      const answer = await fetch(`${sim.url}${url}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
      const out = Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)));
      res.writeHead(answer.status, out);
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { sim: { ...sim, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3` }, checkUpdates };
}

/** Resolves once `done()` holds (background work of the app finished), then once the simulator is quiet. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 15_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  await settle();
}

const checkedAt = (repo: string, sha: string) => () => sim.state.checkRunsOf(repo, 'plimsoll').some((run) => run.headSha === sha && run.status === 'completed');

/** A policy pushed, delivered, and its commit checked (the work runs after any fan-out of an earlier push). */
async function pushPolicy(text: string) {
  const push = sim.push('.github', 'main', { [PATH]: text }, 'Change the policy');
  await app!.deliver('push', push.payload);
  await until(checkedAt('.github', push.after));
  return push.after;
}

describe('(a) a broken policy pushed to the default branch', () => {
  it('gets a failing check on that commit naming the file and line, and nothing fans out', async () => {
    sim.state.addRepo('.github', { [PATH]: P1 });
    sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
    app = await startApp(sim);
    const writesBefore = sim.counters.writes;

    const commit = await pushPolicy(BROKEN);

    const runs = sim.state.checkRunsOf('.github', 'plimsoll');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ headSha: commit, status: 'completed', conclusion: 'failure', output: { title: 'Policy invalid: 1 problem' } });
    expect(runs[0]!.annotations).toEqual([{ path: PATH, start_line: 7, end_line: 7, start_column: 13, end_column: 13, annotation_level: 'failure', title: 'Invalid policy', message: 'images[0].update must be one of patch, minor, major, got "minr"' }]);
    expect(runs[0]!.output.summary).toContain('.github/plimsoll-policy.yml:7:13');
    expect(runs[0]!.output.summary).toContain('The policy in force is unchanged: the version of commit');
    // The check run (and a token) is all that was written: no bump pull request, no inventory issue.
    expect(sim.counters.writes - writesBefore).toBe(2);
    expect(sim.state.pulls(sim.state.repo('api'))).toEqual([]);
    expect(sim.state.repo('.github').issues.size).toBe(0);

    // GitHub redelivers the push: the same one check run.
    const push = sim.payloads.push(sim.state.repo('.github'), 'main', sim.state.commits.get(commit)!.parents[0]!, commit);
    await app.deliver('push', push);
    await settle();
    expect(sim.state.checkRunsOf('.github', 'plimsoll')).toHaveLength(1);
    expect(sim.counters.unknown).toEqual([]);
  });
});

/** A pull request whose Dockerfiles tell which policy its review used: P2 allows node 20.12.0, P1 does not, none allows ubuntu. */
async function reviewTellingThePolicy() {
  const { number, payload } = sim.openPullRequest('web', {
    branch: 'images',
    changes: { 'api/Dockerfile': 'FROM node:20.12.0\nUSER 1000\n', 'tools/Dockerfile': 'FROM ubuntu:22.04\nUSER 1000\n' },
  });
  await app!.deliver('pull_request', payload);
  const run = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
  return { number, run, refused: run.annotations.filter((a) => a.title === 'PL1001 (error)').map((a) => a.path) };
}

describe('(b) a restart after a broken policy was pushed', () => {
  beforeEach(() => {
    sim.state.addRepo('.github', { [PATH]: P1 });
    sim.state.addRepo('web', { 'README.md': '# web\n' });
  });

  it('without Redis: reviews use the newest valid version, recovered from the file’s history', async () => {
    app = await startApp(sim);
    await pushPolicy(P2);
    await pushPolicy(BROKEN);
    await app.close();
    const listed = sim.counters.byRoute['GET /repos/{owner}/{repo}/commits'] ?? 0;

    app = await startApp(sim); // a new process: nothing kept in memory
    const { run, refused } = await reviewTellingThePolicy();

    expect(run.conclusion).toBe('failure');
    expect(refused).toEqual(['tools/Dockerfile']); // ubuntu refused, node 20.12.0 allowed: P2 is in force
    expect(run.output.summary).toContain('**The policy is invalid and did not take effect**');
    // The history was read once: one page of commits, and the file at the newest valid one.
    expect(sim.counters.byRoute['GET /repos/{owner}/{repo}/commits']).toBe(listed + 1);
  });

  it.skipIf(!redisReachable)(redisReachable ? 'with Redis: reviews use the last valid version kept in Redis, even when the history cannot be read' : `with Redis (skipped: ${NO_REDIS})`, async () => {
    const prefix = uniqueName('policy-e2e');
    closers.push(() => deleteKeys(`${prefix}:*`));
    const started = async (target: { baseUrl: string }) => {
      const source = new PolicySource({ store: new RedisPolicyStore({ redis: REDIS_URL, prefix }) });
      closers.push(() => source.close());
      return startApp({ ...sim, ...target }, plimsoll({ signingKey: SIGNING_KEY, retry: { sleep: noWait }, fanOut: { policySource: source } }));
    };
    app = await started(sim);
    await pushPolicy(P2);
    await pushPolicy(BROKEN);
    await app.close();

    // Restarted, and GitHub cannot list the file's history: the version kept in Redis stands.
    const failing = await front((method, url) => method === 'GET' && url.includes('/repos/acme/.github/commits?'));
    app = await started(failing.sim);
    const { run, refused } = await reviewTellingThePolicy();

    expect(run.conclusion).toBe('failure');
    expect(refused).toEqual(['tools/Dockerfile']);
    expect(run.output.title).not.toBe('Waiting for the policy');
  });
});

describe('(c) a policy file that was never valid', () => {
  it('fails every review, and the check and the comment say so', async () => {
    sim.state.addRepo('.github', { [PATH]: BROKEN });
    sim.state.addRepo('web', { 'README.md': '# web\n' });
    app = await startApp(sim);
    const { number, payload } = sim.openPullRequest('web', { branch: 'fine', changes: { Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' } });

    await app.deliver('pull_request', payload);

    const [run] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'No valid policy: every review fails' } });
    const [summary] = sim.state.commentsOn('web', number);
    expect(summary!.body).toContain(SUMMARY_MARKER);
    expect(summary!.body).toContain('was ever valid, so no review can pass until ops fix it');
  });
});

describe('(d) a policy that cannot be read', () => {
  beforeEach(() => {
    sim.state.addRepo('.github', { [PATH]: P1 });
    sim.state.addRepo('web', { 'README.md': '# web\n' });
  });
  const policyRead = (method: string, url: string) => method === 'GET' && url.startsWith(`/api/v3/repos/acme/.github/contents/${encodeURIComponent(PATH)}`);

  it('makes the review wait, its check saying what for, and the review completes once reads work again', async () => {
    let failures = 6; // two rounds of three attempts
    const failing = await front((method, url) => policyRead(method, url) && failures-- > 0);
    app = await startApp(failing.sim);
    const { payload } = sim.openPullRequest('web', { branch: 'fine', changes: { Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' } });

    await app.deliver('pull_request', payload);

    const waits = failing.checkUpdates.filter((u) => u.status === 'in_progress');
    expect(waits.map((u) => (u.output as { title: string }).title)).toEqual(['Waiting for the policy', 'Waiting for the policy']);
    expect((waits[0]!.output as { summary: string }).summary).toContain('right now: GitHub answered 502. The review waits and asks again in 2 s (attempt 1)');
    const [run] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('never passes while it cannot be read', async () => {
    const failing = await front(policyRead);
    app = await startApp(failing.sim);
    const { payload } = sim.openPullRequest('web', { branch: 'fine', changes: { Dockerfile: 'FROM node:20.11.1\nUSER 1000\n' } });

    await app.deliver('pull_request', payload);

    const [run] = sim.state.checkRunsOf('web', 'plimsoll');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Waiting for the policy' } });
    expect(failing.checkUpdates.filter((u) => u.status === 'in_progress')).toHaveLength(7);
  });
});

describe('(e) a pull request that changes the policy', () => {
  const HEAD = 'version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [20.12.0, 20.11.1, 18.19.1]\n    update: minor\nbanned:\n  - name: node\n    versions: "<18.19.1"\n    reason: CVE-2024-27983\n';

  it('gets its validation and its preview, and nothing else is written', async () => {
    sim.state.addRepo('.github', { [PATH]: P1 });
    sim.state.addRepo('api', { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
    sim.state.addRepo('worker', { 'deploy/Dockerfile': 'FROM node:18.19.0-alpine\nUSER node\n' });
    sim.state.addRepo('docs', { 'README.md': 'no containers\n' });
    app = await startApp(sim);
    const writes = () => Object.entries(sim.counters.byRoute).filter(([route]) => !route.startsWith('GET') && route !== 'POST /graphql' && !route.includes('access_tokens'));

    const { number, payload } = sim.openPullRequest('.github', { branch: 'allow-node-20.12', changes: { [PATH]: HEAD }, author: 'olga' });
    const head = sim.state.repo('.github').branches.get('allow-node-20.12')!;
    await app.deliver('pull_request', payload);
    await until(() => checkedAt('.github', head)() && sim.state.commentsOn('.github', number).length > 0);

    const runs = sim.state.checkRunsOf('.github', 'plimsoll');
    expect(runs.map((r) => [r.headSha, r.conclusion, r.output.title])).toEqual([[head, 'success', 'Policy valid: 2 new bump pull requests; 1 usage banned']]);
    expect(runs[0]!.output.summary).toContain('| acme/worker | node ⛔ | 18.19.0-alpine → 18.19.1-alpine (deploy/Dockerfile:1) | new pull request: CVE-2024-27983 |');
    expect(runs[0]!.output.summary).toContain('| acme/api | node | 20.11.1 → 20.12.0 (Dockerfile:1) | new pull request |');
    const comments = sim.state.commentsOn('.github', number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe('plimsoll[bot]');
    expect(comments[0]!.body.startsWith(POLICY_PREVIEW_MARKER)).toBe(true);
    // Written: the check run (created, completed) and the comment. No branch, pull request, label or issue anywhere.
    expect(writes()).toEqual([
      ['POST /repos/{owner}/{repo}/check-runs', 1],
      ['PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', 1],
      ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 1],
    ]);
    expect([...sim.state.repos.values()].flatMap((repo) => sim.state.pulls(repo)).map((pr) => pr.number)).toEqual([number]);
    expect(sim.counters.byRoute['GET /installation/repositories']).toBe(1);

    // A push to the pull request breaking the policy: its head fails; the inventory is not discovered again.
    const sync = sim.synchronize('.github', number, { [PATH]: HEAD.replace('update: minor', 'update: minr') });
    const newHead = sim.state.repo('.github').branches.get('allow-node-20.12')!;
    await app.deliver('pull_request', sync.payload);
    await until(() => checkedAt('.github', newHead)() && sim.state.commentsOn('.github', number)[0]!.body.includes('Policy invalid'));
    const failed = sim.state.checkRunsOf('.github', 'plimsoll').find((r) => r.headSha === newHead)!;
    expect(failed).toMatchObject({ conclusion: 'failure', output: { title: 'Policy invalid: 1 problem' } });
    expect(failed.annotations.map((a) => [a.path, a.start_line])).toEqual([[PATH, 7]]);
    expect(sim.state.commentsOn('.github', number)).toHaveLength(1);
    expect(sim.state.commentsOn('.github', number)[0]!.body).toContain('Policy invalid: 1 problem');
    expect(sim.counters.byRoute['GET /installation/repositories']).toBe(1);
    // The pull request review never took the policy file for a container definition: one check per head, the policy's.
    expect(sim.state.checkRunsOf('.github', 'plimsoll')).toHaveLength(2);
    expect(sim.counters.unknown).toEqual([]);
  });
});
