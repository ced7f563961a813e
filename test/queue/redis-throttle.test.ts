import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisWriteThrottle } from '../../src/queue/redis-throttle.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from './redis-server.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisReachable)(redisReachable ? 'RedisWriteThrottle' : `RedisWriteThrottle (skipped: ${NO_REDIS})`, () => {
  let redis: Redis;
  const prefixes: string[] = [];
  const prefix = () => {
    const name = uniqueName('throttle');
    prefixes.push(name);
    return name;
  };

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const name of prefixes) await deleteKeys(`{${name}}:*`);
    await redis.quit();
  });

  it('never grants more than the limit in a window to two instances together', async () => {
    const shared = prefix();
    // A long second window keeps every grant in the sorted set, to be read back below.
    const limits = [
      { limit: 5, windowMs: 400 },
      { limit: 100, windowMs: 60_000 },
    ];
    const a = new RedisWriteThrottle({ redis, prefix: shared, limits });
    const b = new RedisWriteThrottle({ redis: REDIS_URL, prefix: shared, limits });
    const started = Date.now();
    await Promise.all([...Array.from({ length: 6 }, () => a.acquire()), ...Array.from({ length: 6 }, () => b.acquire())]);
    const elapsed = Date.now() - started;
    await b.close();

    const scores = (await redis.zrange(`{${shared}}:grants`, 0, -1, 'WITHSCORES')).filter((_, i) => i % 2 === 1).map(Number);
    expect(scores).toHaveLength(12);
    // Any six grants in a row span at least the window: never six in 400 ms.
    for (let i = 0; i + 5 < scores.length; i++) expect(scores[i + 5]! - scores[i]!).toBeGreaterThanOrEqual(400);
    // 12 grants at 5 per 400 ms: two waits, not more.
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(2500);
  });

  it('makes every instance honour a pause one of them was told about, keeping the later one', async () => {
    const shared = prefix();
    const a = new RedisWriteThrottle({ redis, prefix: shared });
    const b = new RedisWriteThrottle({ redis, prefix: shared });
    const until = Date.now() + 500;
    a.pauseUntil(until);
    a.pauseUntil(until - 300); // an earlier pause does not shorten it
    await sleep(20); // pauseUntil is fire-and-forget
    expect(Number(await redis.get(`{${shared}}:pause`))).toBe(until);
    await b.acquire();
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(Date.now()).toBeLessThan(until + 300);
  });
});
