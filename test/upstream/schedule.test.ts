import { describe, expect, it } from 'vitest';
import { BullScheduler, TimerScheduler, type ScheduledWatch } from '../../src/upstream/schedule.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from '../queue/redis-server.js';

const periods = { hourly: 60, daily: 1e9, weekly: 1e9 };
const watch: ScheduledWatch = { installationId: 7, owner: 'acme' };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('upstream.schedule without Redis: a timer in the process', () => {
  it('fires every period, keeps its rhythm when set again alike, and stops on off', async () => {
    const fired: ScheduledWatch[] = [];
    const scheduler = new TimerScheduler((w) => fired.push(w), periods);
    await scheduler.set(watch, 'hourly');
    await wait(200);
    expect(fired.length).toBeGreaterThanOrEqual(2);
    expect(fired[0]).toEqual(watch);
    await scheduler.set(watch, 'off');
    const count = fired.length;
    await wait(150);
    expect(fired.length).toBe(count);
    await scheduler.close();
  });
});

describe.skipIf(!redisReachable)('upstream.schedule with Redis: a BullMQ job scheduler', () => {
  it('fires the installation\'s watch every period, and no more once off', async () => {
    const fired: ScheduledWatch[] = [];
    const name = uniqueName('schedule');
    const scheduler = new BullScheduler(REDIS_URL, (w) => fired.push(w), name, { hourly: 300, daily: 1e9, weekly: 1e9 });
    try {
      await scheduler.set(watch, 'hourly');
      for (let i = 0; i < 100 && fired.length < 2; i++) await wait(50);
      expect(fired.slice(0, 2)).toEqual([watch, watch]);
      await scheduler.set(watch, 'off');
      await wait(400);
      const count = fired.length;
      await wait(700);
      expect(fired.length).toBe(count);
    } finally {
      await scheduler.close();
      await deleteKeys(`bull:${name}:*`);
    }
  }, 15_000);
});

describe.runIf(!redisReachable)('upstream.schedule with Redis: a BullMQ job scheduler', () => {
  it.skip(NO_REDIS, () => undefined);
});
