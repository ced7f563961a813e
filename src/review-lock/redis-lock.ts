import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeyLock } from './lock.js';

export interface RedisLockOptions {
  /** Expiry of a lock whose holder died; renewed every third of it while held. */
  ttlMs?: number;
  /** Pause between attempts to take a lock someone else holds. */
  retryMs?: number;
  /** Give up waiting after this long, with an error naming the key. */
  maxWaitMs?: number;
  prefix?: string;
}

// Only the holder (same token) may extend or delete: a lock that expired and was taken by another
// process must not be released or renewed by the first.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `SET key token NX PX ttl`, renewed while held, released by compare-and-delete. */
export function redisLock(redis: Redis, options: RedisLockOptions = {}): KeyLock {
  const ttlMs = options.ttlMs ?? 30_000;
  const retryMs = options.retryMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const prefix = options.prefix ?? 'plimsoll:review-lock:';

  return {
    async withLock(key, fn) {
      const name = prefix + key;
      const token = randomUUID();
      const deadline = Date.now() + maxWaitMs;
      while ((await redis.set(name, token, 'PX', ttlMs, 'NX')) !== 'OK') {
        if (Date.now() >= deadline) throw new Error(`waited ${Math.ceil(maxWaitMs / 1000)} s for the review lock ${key}, held by another instance`);
        await sleep(retryMs);
      }
      const renewal = setInterval(() => {
        redis.eval(RENEW, 1, name, token, String(ttlMs)).catch(() => undefined);
      }, Math.max(1, Math.floor(ttlMs / 3)));
      try {
        return await fn();
      } finally {
        clearInterval(renewal);
        await redis.eval(RELEASE, 1, name, token).catch(() => undefined);
      }
    },
  };
}
