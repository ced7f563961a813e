import { describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../../src/queue/memory.js';
import { WINDOW_MARGIN_MS, MemoryWriteThrottle } from '../../src/queue/throttle.js';
import type { WriteThrottle } from '../../src/queue/throttle.js';
import type { FailedJobReport } from '../../src/queue/types.js';
import { fakeClock } from './fake-clock.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP ${status}`), { status, response: { headers } });

/** The most grants inside any window of `windowMs` (grants sorted). */
function busiestWindow(grants: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < grants.length; j++) {
    while (grants[j]! - grants[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('the in-process queue and throttle on a simulated clock', () => {
  it('paces 600 writes to 80 a minute and 500 an hour of simulated time, at once in real time', async () => {
    const clock = fakeClock();
    const throttle = new MemoryWriteThrottle(undefined, { clock });
    const grants: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 600; i++) {
      await throttle.acquire();
      grants.push(clock.elapsed());
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(busiestWindow(grants, MINUTE)).toBe(80);
    expect(busiestWindow(grants, HOUR)).toBe(500);
    // Six full minutes, 20 more, then the hour's first grants expire; each window is WINDOW_MARGIN_MS
    // longer than GitHub's, so GitHub never sees one write too many.
    const m = MINUTE + WINDOW_MARGIN_MS;
    const h = HOUR + WINDOW_MARGIN_MS;
    expect([grants[479], grants[480], grants[499], grants[500], grants[579], grants[580], grants[599]]).toEqual([5 * m, 6 * m, 6 * m, h, h, h + m, h + m]);
  });

  it('runs queued jobs that write through the throttle within the hourly limit', async () => {
    const clock = fakeClock();
    const throttle = new MemoryWriteThrottle([{ limit: 500, windowMs: HOUR }], { clock });
    const queue = new MemoryJobQueue<number>({ concurrency: 4, clock, throttle });
    const grants: number[] = [];
    queue.process({
      run: async () => {
        await throttle.acquire();
        grants.push(clock.elapsed());
      },
    });
    await queue.add(Array.from({ length: 600 }, (_, i) => ({ id: `acme/repo-${i}#node`, data: i, priority: 2 })));
    await queue.drained();
    expect(grants).toHaveLength(600);
    expect(busiestWindow(grants, HOUR)).toBe(500);
    expect(grants[499]).toBe(0);
    expect(grants[500]).toBe(HOUR);
  });

  it('backs off and honours retry-after on the simulated clock', async () => {
    const clock = fakeClock();
    const throttle = new MemoryWriteThrottle(undefined, { clock });
    const queue = new MemoryJobQueue<string>({ clock, throttle, retry: { maxAttempts: 3, backoffMs: 2000, maxBackoffMs: 60_000 } });
    const times: number[] = [];
    const failed: FailedJobReport<string>[] = [];
    queue.process({
      run: async () => {
        times.push(clock.elapsed());
        if (times.length === 1) throw httpError(403, { 'retry-after': '3600' });
        if (times.length <= 3) throw httpError(502);
      },
      failed: (report) => void failed.push(report),
    });
    await queue.add([{ id: 'x', data: 'x', priority: 2 }]);
    await queue.drained();
    // An hour for GitHub's retry-after (no attempt spent), then 2 s and 4 s of backoff.
    expect(times).toEqual([0, HOUR, HOUR + 2000, HOUR + 6000]);
    expect(failed).toEqual([]);
  });

  it("pauses only the throttle of the rate-limited job's installation", async () => {
    const start = Date.UTC(2025, 5, 1);
    const clock = fakeClock(start);
    const pauses: [number, number][] = [];
    const throttleOf = (installation: number): WriteThrottle => ({ acquire: async () => undefined, pauseUntil: (untilMs) => void pauses.push([installation, untilMs - start]) });
    const throttles = new Map([1, 2].map((installation) => [installation, throttleOf(installation)]));
    const queue = new MemoryJobQueue<{ installation: number }>({ clock, throttle: (data) => throttles.get(data.installation) });
    const runs: [number, number][] = [];
    queue.process({
      run: async ({ installation }) => {
        runs.push([installation, clock.elapsed()]);
        if (installation === 1 && runs.length === 1) throw httpError(429, { 'retry-after': '60' });
      },
    });
    await queue.add([{ id: 'one', data: { installation: 1 }, priority: 2 }]);
    await queue.drained();
    await queue.add([{ id: 'two', data: { installation: 2 }, priority: 2 }]);
    await queue.drained();
    expect(pauses).toEqual([[1, 60_000]]);
    expect(runs).toEqual([
      [1, 0],
      [1, 60_000],
      [2, 60_000],
    ]);
  });
});
