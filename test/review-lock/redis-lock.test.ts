import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewQueue } from '../../src/review-lock/queue.js';
import { redisLock } from '../../src/review-lock/redis-lock.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from '../queue/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!redisReachable)(redisReachable ? 'redisLock' : `redisLock (skipped: ${NO_REDIS})`, () => {
  const prefix = `${uniqueName('review-lock')}:`;
  // Two connections: two app instances (made in beforeAll: a skipped suite's body still runs).
  let one: Redis;
  let two: Redis;
  beforeAll(() => {
    one = new Redis(REDIS_URL);
    two = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(`${prefix}*`);
    await Promise.all([one.quit(), two.quit()]);
  });

  it('two holders of one key never overlap, and every holder gets its turn', async () => {
    const locks = [redisLock(one, { prefix, retryMs: 5 }), redisLock(two, { prefix, retryMs: 5 })];
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        locks[i % 2]!.withLock('acme/web#7', async () => {
          inside++;
          most = Math.max(most, inside);
          await sleep(15);
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect([...order].sort((a, b) => a - b)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await one.exists(`${prefix}acme/web#7`)).toBe(0);
  });

  it('behind two review queues (two app instances), reviews of one pull request still run one at a time', async () => {
    const queues = [new ReviewQueue(redisLock(one, { prefix, retryMs: 5 })), new ReviewQueue(redisLock(two, { prefix, retryMs: 5 }))];
    let inside = 0;
    let most = 0;
    const review = async () => {
      inside++;
      most = Math.max(most, inside);
      await sleep(10);
      inside--;
    };
    await Promise.all(Array.from({ length: 6 }, (_, i) => queues[i % 2]!.enqueue('acme/web#9', review, { coalesce: false })));
    expect(most).toBe(1);
  });

  it('other keys do not wait', async () => {
    const lock = redisLock(one, { prefix, retryMs: 5 });
    const started: string[] = [];
    let release!: () => void;
    const held = lock.withLock('acme/web#1', () => new Promise<void>((resolve) => ((release = resolve), started.push('#1'))));
    await lock.withLock('acme/web#2', async () => void started.push('#2'));
    expect(started).toStrictEqual(['#1', '#2']);
    release();
    await held;
  });

  it('is renewed while held, so a review longer than the expiry keeps it', async () => {
    const lock = redisLock(one, { prefix, ttlMs: 60, retryMs: 5 });
    let secondIn = false;
    const first = lock.withLock('slow', async () => {
      await sleep(250);
      expect(secondIn).toBe(false);
    });
    await sleep(10);
    const second = redisLock(two, { prefix, retryMs: 5 }).withLock('slow', async () => void (secondIn = true));
    await Promise.all([first, second]);
    expect(secondIn).toBe(true);
  });

  it('releases only its own lock: an expired holder cannot delete its successor’s', async () => {
    const name = `${prefix}stolen`;
    const lock = redisLock(one, { prefix, ttlMs: 5_000 });
    await lock.withLock('stolen', async () => {
      // The lock expired and another instance took it meanwhile.
      await one.set(name, 'someone-else');
    });
    expect(await one.get(name)).toBe('someone-else');
  });

  it('gives up waiting with a message naming the key', async () => {
    await one.set(`${prefix}busy`, 'someone-else', 'PX', 5_000);
    await expect(redisLock(two, { prefix, retryMs: 5, maxWaitMs: 30 }).withLock('busy', async () => 'never')).rejects.toThrow(
      'waited 1 s for the review lock busy, held by another instance',
    );
  });
});
