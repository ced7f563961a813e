import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicySource } from '../../src/github/policy-source.js';
import { metricsHandler, readinessHandler } from '../../src/http/health.js';
import { MemoryInventoryStore } from '../../src/inventory/store.js';
import { MemoryJobQueue } from '../../src/queue/memory.js';
import { inProcessLock } from '../../src/review-lock/lock.js';
import { ReviewQueue } from '../../src/review-lock/queue.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { NO_REDIS, REDIS_URL, redisReachable } from '../queue/redis-server.js';

/** `GET /ready` (readiness) and `GET /metrics`, served as the app's server serves them. */

const CREDENTIALS = { APP_ID: '12345', PRIVATE_KEY_PATH: '/run/secrets/plimsoll.pem' };
const open: Array<{ runtime: Runtime; server: Server }> = [];

afterEach(async () => {
  for (const { runtime, server } of open.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
  }
});

/** A runtime whose Redis-backed parts stay in memory: only readiness asks `redisUrl`. */
async function serve(env: NodeJS.ProcessEnv, redisUrl = ''): Promise<{ runtime: Runtime; get(path: string): Promise<{ status: number; body: string }> }> {
  const app = { auth: async () => { throw new Error('not used'); }, log: pino({ level: 'silent' }) } as never;
  const runtime = createRuntime(app, { redisUrl, queue: new MemoryJobQueue(), store: new MemoryInventoryStore(), reviewQueue: new ReviewQueue(inProcessLock), policySource: new PolicySource() }, env);
  const handlers = [readinessHandler(runtime), metricsHandler(runtime)];
  const server = createServer(async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ runtime, server });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { runtime, get: async (path) => { const r = await fetch(`${base}${path}`); return { status: r.status, body: await r.text() }; } };
}

describe('GET /ready', () => {
  it.each([
    ['no credentials at all', {}, { appId: false, privateKey: false }],
    ['an app id but no key', { APP_ID: '12345' }, { appId: true, privateKey: false }],
    ['a key but an app id that is not a number', { APP_ID: 'plimsoll', PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' }, { appId: false, privateKey: true }],
  ])('is 503 with %s, and names what is missing', async (_, env, credentials) => {
    const { get } = await serve(env);
    const answer = await get('/ready');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toStrictEqual({ ready: false, redis: 'not configured', credentials: { ...credentials, accepted: null }, closing: false });
  });

  it('is 200 with credentials and no Redis configured', async () => {
    const { get } = await serve(CREDENTIALS);
    const answer = await get('/ready');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ready: true, redis: 'not configured' });
  });

  it('is 503 while shutting down, so no new delivery is sent here', async () => {
    const { get, runtime } = await serve(CREDENTIALS);
    runtime.closing = true;
    const answer = await get('/ready');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ ready: false, closing: true });
  });

  it('is 503 when the configured Redis does not answer, within a second or two', async () => {
    const { get } = await serve(CREDENTIALS, 'redis://127.0.0.1:9');
    const started = Date.now();
    const answer = await get('/ready');
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ ready: false, redis: 'unreachable' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it.skipIf(!redisReachable)(`is 200 when the configured Redis answers (${redisReachable ? 'Redis' : NO_REDIS})`, async () => {
    const { get } = await serve(CREDENTIALS, REDIS_URL);
    const answer = await get('/ready');
    expect(JSON.parse(answer.body)).toMatchObject({ ready: true, redis: 'ok' });
    expect(answer.status).toBe(200);
  });

  it('answers only GET /ready: other paths go on to the next handler', async () => {
    const { get } = await serve(CREDENTIALS);
    expect((await get('/ready/x')).status).toBe(404);
  });
});

describe('GET /metrics', () => {
  it('lists every series from the first scrape, at zero', async () => {
    const { get } = await serve(CREDENTIALS);
    const answer = await get('/metrics');
    expect(answer.status).toBe(200);
    for (const series of [
      'plimsoll_reviews_total{conclusion="success"} 0',
      'plimsoll_reviews_total{conclusion="failure"} 0',
      'plimsoll_reviews_total{conclusion="error"} 0',
      'plimsoll_review_duration_seconds_count 0',
      'plimsoll_webhook_to_check_seconds_count 0',
      'plimsoll_github_writes_total{outcome="sent"} 0',
      'plimsoll_github_writes_total{outcome="refused"} 0',
      'plimsoll_fanout_jobs{state="waiting"} 0',
      'plimsoll_fanout_jobs{state="active"} 0',
      'plimsoll_fanout_jobs{state="failed"} 0',
      'plimsoll_fanout_jobs{state="done"} 0',
    ]) {
      expect(answer.body).toContain(series);
    }
    expect(answer.body).toContain('# TYPE plimsoll_github_rate_limit_remaining gauge');
  });
});
