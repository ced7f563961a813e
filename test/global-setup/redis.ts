import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

/**
 * Looks for the integration tests' Redis once per run, before any test file loads, and says so
 * once when there is none: the Redis tests then skip without a client ever trying to connect.
 * `REDIS_URL`, else the one CI and `.ci/run` start on 127.0.0.1.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    redis: { url: string; reachable: boolean };
  }
}

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

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
  const redis = { url, reachable: await reachable(url) };
  if (!redis.reachable) {
    process.stdout.write(`Redis tests skipped: no Redis at ${url} (start redis-server or set REDIS_URL; CI runs them)\n`);
  }
  project.provide('redis', redis);
}
