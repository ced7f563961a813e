import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The integration tests' Redis, found once per run by test/global-setup/redis.ts. */
const redis = inject('redis');
export const REDIS_URL = redis.url;
export const redisReachable = redis.reachable;
export const NO_REDIS = `no Redis at ${REDIS_URL} (start redis-server or set REDIS_URL; CI runs these)`;

/** A prefix no other run uses, so parallel runs and leftovers do not meet. */
export function uniqueName(what: string): string {
  return `plimsoll-test-${what}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key starting with `prefix` (tests clean up after themselves). */
export async function deleteKeys(pattern: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  try {
    const keys = await client.keys(pattern);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    await client.quit();
  }
}
