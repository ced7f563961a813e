import { afterEach, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../src/queue/bullmq.js';
import type { WriteThrottle } from '../../src/queue/throttle.js';
import type { FailedJobReport, RetryPolicy } from '../../src/queue/types.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from './redis-server.js';

const httpError = (status: number, headers: Record<string, string> = {}, message = 'boom') => Object.assign(new Error(message), { status, response: { headers } });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const FAST_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 50, maxBackoffMs: 1000 };

const open: BullJobQueue<unknown>[] = [];
const names: string[] = [];

function queue<T>(name: string, options: { concurrency?: number; retry?: RetryPolicy; throttle?: WriteThrottle } = {}): BullJobQueue<T> {
  const created = new BullJobQueue<T>({ url: REDIS_URL, name, lockDurationMs: 1000, ...options });
  open.push(created as BullJobQueue<unknown>);
  return created;
}

function freshName(what: string): string {
  const name = uniqueName(what);
  names.push(name);
  return name;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close().catch(() => undefined)));
  for (const name of names.splice(0)) await deleteKeys(`bull:${name}:*`);
});

describe.skipIf(!redisReachable)(redisReachable ? 'BullJobQueue on Redis' : `BullJobQueue on Redis (skipped: ${NO_REDIS})`, () => {
  it('runs every job once and drops a duplicate of a waiting job', async () => {
    const q = queue<string>(freshName('once'));
    await q.add(['a', 'b', 'c', 'localhost:5000/app'].map((id) => ({ id, data: `${id}-first`, priority: 2 })));
    await q.add([{ id: 'a', data: 'a-again', priority: 2 }]);
    const ran: string[] = [];
    q.process({ run: async (data, id) => void ran.push(`${id}=${data}`) });
    await q.drained();
    expect(ran.sort()).toEqual(['a=a-first', 'b=b-first', 'c=c-first', 'localhost:5000/app=localhost:5000/app-first']);
  });

  it('runs banned jobs (priority 1) before the others', async () => {
    const q = queue<string>(freshName('priority'), { concurrency: 1 });
    await q.add([
      { id: 'n1', data: 'n1', priority: 2 },
      { id: 'n2', data: 'n2', priority: 2 },
      { id: 'b1', data: 'b1', priority: 1 },
      { id: 'n3', data: 'n3', priority: 2 },
      { id: 'b2', data: 'b2', priority: 1 },
    ]);
    const ran: string[] = [];
    q.process({ run: async (data) => void ran.push(data) });
    await q.drained();
    expect(ran).toEqual(['b1', 'b2', 'n1', 'n2', 'n3']);
  });

  it('retries a 5xx with doubling backoff until it succeeds', async () => {
    const q = queue<string>(freshName('transient'), { retry: FAST_RETRY });
    const times: number[] = [];
    const failed: FailedJobReport<string>[] = [];
    q.process({
      run: async () => {
        times.push(Date.now());
        if (times.length < 3) throw httpError(502);
      },
      failed: (report) => void failed.push(report),
    });
    await q.add([{ id: 'x', data: 'x', priority: 2 }]);
    await q.drained();
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(50);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(100);
    expect(failed).toEqual([]);
  });

  it('reports a job that keeps failing once, after its last attempt', async () => {
    const q = queue<string>(freshName('exhausted'), { retry: { maxAttempts: 2, backoffMs: 20, maxBackoffMs: 20 } });
    let runs = 0;
    const failed: [string, number, string][] = [];
    q.process({
      run: async () => {
        runs++;
        throw httpError(503, {}, 'Service Unavailable');
      },
      failed: (report) => void failed.push([report.id, report.attempts, (report.error as Error).message]),
    });
    await q.add([{ id: 'acme/api#node', data: 'x', priority: 2 }]);
    await q.drained();
    expect(runs).toBe(2);
    expect(failed).toEqual([['acme/api#node', 2, 'Service Unavailable']]);
  });

  it('gives up at once on a 4xx that retrying cannot fix, reporting it once', async () => {
    const q = queue<string>(freshName('permanent'), { retry: FAST_RETRY });
    let runs = 0;
    const failed: [string, number][] = [];
    q.process({
      run: async () => {
        runs++;
        throw httpError(422, {}, 'Validation Failed');
      },
      failed: (report) => void failed.push([report.id, report.attempts]),
    });
    await q.add([{ id: 'acme/web#python', data: 'x', priority: 2 }]);
    await q.drained();
    await sleep(200); // a retry would have run by now
    expect(runs).toBe(1);
    expect(failed).toEqual([['acme/web#python', 1]]);
  });

  it('waits out retry-after without spending an attempt, and pauses the throttle', async () => {
    const pauses: number[] = [];
    const throttle: WriteThrottle = { acquire: async () => undefined, pauseUntil: (untilMs) => void pauses.push(untilMs) };
    const q = queue<string>(freshName('ratelimit'), { throttle, retry: { maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1 } });
    const times: number[] = [];
    const failed: string[] = [];
    q.process({
      run: async () => {
        times.push(Date.now());
        if (times.length === 1) throw httpError(403, { 'retry-after': '1' }, 'You have exceeded a secondary rate limit');
      },
      failed: (report) => void failed.push(report.id),
    });
    await q.add([{ id: 'x', data: 'x', priority: 2 }]);
    await q.drained();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(failed).toEqual([]);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(pauses[0]! - times[0]!).toBeLessThan(1500);
  });
});
