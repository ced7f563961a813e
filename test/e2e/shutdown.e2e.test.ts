import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_REDIS, REDIS_URL, redisReachable } from '../queue/redis-server.js';
import { startSimulator, type Simulator } from '../sim/server.js';
import { deliverWebhook } from '../sim/webhooks.js';
import { PRIVATE_KEY, until, WEBHOOK_SECRET } from './app.js';

/**
 * Graceful shutdown (issue 14 §1), on a real app process (`src/server.ts`, as `npm start` runs it)
 * whose GitHub is the simulator: SIGTERM during a review lets the review finish and exits 0;
 * with Redis, a fan-out cut short leaves its jobs to a second instance, and nothing is done twice.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const policy = (versions: string) => `version: 1\nops:\n  team: platform-ops\nimages:\n  - name: node\n    versions: [${versions}]\n    update: minor\n`;

interface AppProcess {
  child: ChildProcess;
  url: string;
  /** The process's log entries so far (pino JSON). */
  log: Array<{ msg?: string; [key: string]: unknown }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const running: AppProcess[] = [];
let sim: Simulator | undefined;

afterEach(async () => {
  for (const app of running.splice(0)) {
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    await app.exited;
  }
  await sim?.close();
  sim = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function spawnApp(simulator: Simulator, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      APP_ID: '1',
      PRIVATE_KEY,
      WEBHOOK_SECRET,
      GHE_HOST: simulator.host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: AppProcess['log'] = [];
  let pending = '';
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const read = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as AppProcess['log'][number];
        log.push(entry);
        if (typeof entry.msg === 'string' && entry.msg.startsWith('Listening on')) listening();
      } catch {
        log.push({ msg: line });
      }
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  const app: AppProcess = { child, url: `http://127.0.0.1:${port}`, log, exited };
  running.push(app);
  await Promise.race([ready, exited.then(() => Promise.reject(new Error(`the app exited before listening:\n${log.map((e) => e.msg).join('\n')}`)))]);
  return app;
}

describe('SIGTERM on the app process', () => {
  it('during a review: stops taking deliveries, finishes the review, exits 0', async () => {
    // Every answer of GitHub takes 100 ms: the review takes seconds, so the signal lands mid-review.
    sim = await startSimulator({ latencyMs: 100 });
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
    sim.state.addRepo('web', { 'README.md': '# web\n', Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
    const app = await spawnApp(sim);
    const ping = await fetch(`${app.url}/ping`);
    expect(ping.status).toBe(200);

    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM ubuntu:22.04\nUSER 1000\n' }, author: 'dev-dana' });
    expect((await deliverWebhook(`${app.url}/api/github/webhooks`, { name: 'pull_request', payload: pr.payload }, WEBHOOK_SECRET)).status).toBe(200);
    await until(() => sim!.state.checkRunsOf('web', 'plimsoll').some((run) => run.status === 'in_progress'), 'the review to start');

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;

    expect(exit).toMatchObject({ code: 0, signal: null });
    const run = sim.state.checkRunsOf('web', 'plimsoll').at(-1)!;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(sim.state.commentsOn('web', pr.number).filter((c) => c.user.type === 'Bot')).toHaveLength(1);
    const messages = app.log.map((entry) => entry.msg);
    expect(messages).toContain('shutting down: no new deliveries, finishing the work in flight');
    expect(app.log.find((entry) => entry.msg === 'shut down')).toMatchObject({ drained: true });
    // Bounded by PLIMSOLL_SHUTDOWN_TIMEOUT_MS (25 s by default); here the review's few seconds.
    expect(exit.at - signalled).toBeLessThan(25_000);
    // Nothing listens any more.
    await expect(fetch(`${app.url}/ping`)).rejects.toThrow();
  }, 60_000);

  it('stops waiting after PLIMSOLL_SHUTDOWN_TIMEOUT_MS, says so, and still exits 0', async () => {
    sim = await startSimulator({ latencyMs: 400 });
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
    sim.state.addRepo('web', { 'README.md': '# web\n', Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
    const app = await spawnApp(sim, { PLIMSOLL_SHUTDOWN_TIMEOUT_MS: '300' });
    const pr = sim.openPullRequest('web', { branch: 'feature', changes: { Dockerfile: 'FROM ubuntu:22.04\n' }, author: 'dev-dana' });
    await deliverWebhook(`${app.url}/api/github/webhooks`, { name: 'pull_request', payload: pr.payload }, WEBHOOK_SECRET);
    await until(() => sim!.state.checkRunsOf('web', 'plimsoll').length > 0, 'the review to start');

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.exited;

    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(5_000);
    expect(app.log.map((entry) => entry.msg)).toContain('shutting down with work still in flight: it was not finished within the bound');
  }, 60_000);

  it.skipIf(!redisReachable)(`with Redis, mid fan-out: the queued jobs are finished by a second instance, none twice (${redisReachable ? 'Redis' : NO_REDIS})`, async () => {
    // A database of its own, so other tests' queues are not in the way. Probot's throttling plugin
    // spaces an installation's writes a second apart, as GitHub asks: each job takes seconds.
    const redisUrl = `${REDIS_URL.replace(/\/\d*$/, '')}/13`;
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    sim = await startSimulator({ latencyMs: 60 });
    sim.state.addRepo('.github', { '.github/plimsoll-policy.yml': policy('20.11.1') });
    const repos = Array.from({ length: 8 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    for (const name of repos) sim.state.addRepo(name, { Dockerfile: 'FROM node:20.11.1\nUSER node\n' });
    const env = { REDIS_URL: redisUrl, PLIMSOLL_SHUTDOWN_TIMEOUT_MS: '20000' };
    const bumped = () => repos.filter((name) => sim!.state.pulls(sim!.state.repo(name)).length > 0).length;

    try {
      const first = await spawnApp(sim, env);
      const push = sim.push('.github', 'main', { '.github/plimsoll-policy.yml': policy('20.12.0, 20.11.1') }, 'Allow node 20.12.0');
      await deliverWebhook(`${first.url}/api/github/webhooks`, { name: 'push', payload: push.payload }, WEBHOOK_SECRET);
      // A loaded CI machine starts two Node processes slowly: generous bounds, the test is about order.
      await until(() => bumped() >= 1, 'the first bump pull request', 90_000);
      first.child.kill('SIGTERM');
      expect((await first.exited).code).toBe(0);
      const leftOver = repos.length - bumped();
      expect(leftOver).toBeGreaterThan(0);
      expect(first.log.map((entry) => entry.msg)).toContain('bump fan-out left to the next instance: its queued jobs wait in Redis');

      const second = await spawnApp(sim, env);
      await until(() => bumped() === repos.length, 'every repository bumped', 90_000);
      await sim.idle(500);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);

      for (const name of repos) {
        const pulls = sim.state.pulls(sim.state.repo(name));
        expect(pulls.map((pr) => ({ title: pr.title, state: pr.state, head: pr.pull.head })), name).toStrictEqual([{ title: 'Bump node base image to 20.12.0', state: 'open', head: 'plimsoll/node' }]);
      }
    } finally {
      await redis.flushdb();
      await redis.quit();
    }
  }, 240_000);
});
