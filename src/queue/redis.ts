import { Redis, type RedisOptions } from 'ioredis';

/**
 * ioredis options for `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS): one
 * reading of `REDIS_URL` for BullMQ, the write throttle and the inventory store.
 */
export function connectionFromUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL is not a URL: ${JSON.stringify(url)} (expected redis://host:6379)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, not ${parsed.protocol}//`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL names database ${JSON.stringify(parsed.pathname.slice(1))}; expected a number like /0`);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db > 0 ? { db } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; ioredis must not give up on their commands.
    maxRetriesPerRequest: null,
  };
}

/** A client of its own; whoever calls this closes it (`quit`). */
export function connectRedis(url: string): Redis {
  return new Redis(connectionFromUrl(url));
}

/** `REDIS_URL` when set and not blank: the switch from the embedded queue to Redis. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.REDIS_URL?.trim();
  return url ? url : undefined;
}
