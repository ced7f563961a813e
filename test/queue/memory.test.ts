import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryJobQueue } from '../../src/queue/memory.js';
import { MemoryWriteThrottle } from '../../src/queue/throttle.js';
import type { FailedJobReport } from '../../src/queue/types.js';

const httpError = (status: number, headers: Record<string, string> = {}, message = 'boom') => Object.assign(new Error(message), { status, response: { headers } });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-06-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('MemoryJobQueue', () => {
  it('runs banned jobs first and drops duplicates of waiting jobs', async () => {
    const queue = new MemoryJobQueue<string>({ concurrency: 1 });
    const ran: string[] = [];
    await queue.add([
      { id: 'a', data: 'a', priority: 2 },
      { id: 'b', data: 'b', priority: 1 },
      { id: 'a', data: 'a-again', priority: 2 },
    ]);
    queue.process({ run: async (data) => void ran.push(data) });
    await queue.drained();
    expect(ran).toEqual(['b', 'a']);
  });

  it('retries 5xx with doubling backoff, then reports the job instead of retrying forever', async () => {
    const queue = new MemoryJobQueue<string>({ retry: { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000 } });
    const times: number[] = [];
    const failed: FailedJobReport<string>[] = [];
    queue.process({
      run: async () => {
        times.push(Date.now());
        throw httpError(502);
      },
      failed: (report) => void failed.push(report),
    });
    await queue.add([{ id: 'x', data: 'x', priority: 2 }]);
    await vi.advanceTimersByTimeAsync(10_000);
    const start = times[0]!;
    expect(times.map((t) => t - start)).toEqual([0, 1000, 3000]);
    expect(failed.map((f) => [f.id, f.attempts])).toEqual([['x', 3]]);
  });

  it('gives up at once on a 4xx that retrying cannot fix', async () => {
    const queue = new MemoryJobQueue<string>();
    const failed: string[] = [];
    let runs = 0;
    queue.process({ run: async () => void (runs++, (() => { throw httpError(422); })()), failed: (r) => void failed.push(r.id) });
    await queue.add([{ id: 'x', data: 'x', priority: 2 }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect([runs, failed]).toEqual([1, ['x']]);
  });

  it('honours retry-after without spending an attempt, and pauses every writer', async () => {
    const throttle = new MemoryWriteThrottle();
    const queue = new MemoryJobQueue<string>({ throttle, retry: { maxAttempts: 1, backoffMs: 1, maxBackoffMs: 1 } });
    const times: number[] = [];
    let calls = 0;
    queue.process({
      run: async () => {
        times.push(Date.now());
        if (calls++ === 0) throw httpError(403, { 'retry-after': '30' }, 'You have exceeded a secondary rate limit');
      },
    });
    await queue.add([{ id: 'x', data: 'x', priority: 2 }]);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(times.map((t) => t - times[0]!)).toEqual([0, 30_000]);
    let acquiredAt = 0;
    void throttle.acquire().then(() => (acquiredAt = Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(acquiredAt).toBeGreaterThanOrEqual(times[1]!);
  });

  it('honours x-ratelimit-reset when the primary limit is spent', async () => {
    const queue = new MemoryJobQueue<string>();
    const times: number[] = [];
    queue.process({
      run: async () => {
        times.push(Date.now());
        if (times.length === 1) throw httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() / 1000 + 120) });
      },
    });
    await queue.add([{ id: 'x', data: 'x', priority: 2 }]);
    await vi.advanceTimersByTimeAsync(121_000);
    expect(times.map((t) => t - times[0]!)).toEqual([0, 120_000]);
  });
});

describe('MemoryWriteThrottle', () => {
  it('grants at most 80 writes a minute and 500 an hour', async () => {
    const throttle = new MemoryWriteThrottle();
    const granted: number[] = [];
    for (let i = 0; i < 600; i++) void throttle.acquire().then(() => granted.push(Date.now()));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(granted.length).toBe(80);
    await vi.advanceTimersByTimeAsync(3_600_000);
    const start = granted[0]!;
    expect(granted.filter((t) => t < start + 3_600_000).length).toBe(500);
    expect(granted.length).toBe(580);
  });
});
