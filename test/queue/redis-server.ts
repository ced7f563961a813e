import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The integration tests' Redis: `REDIS_URL`, else the one CI and `.ci/run` start on 127.0.0.1. */
export const REDIS_URL = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export const redisReachable = await reachable(REDIS_URL);
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
