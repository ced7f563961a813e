import { describe, expect, it } from 'vitest';
import { bullJobId } from '../../src/queue/bullmq.js';
import { BullJobQueue, createJobQueue, createWriteThrottle, MemoryWriteThrottle, RedisWriteThrottle } from '../../src/queue/index.js';
import { MemoryJobQueue } from '../../src/queue/memory.js';
import { connectionFromUrl, redisUrlFromEnv } from '../../src/queue/redis.js';
import { NO_REDIS, REDIS_URL, redisReachable, uniqueName } from './redis-server.js';

describe('connectionFromUrl', () => {
  it('reads host, port, credentials, database and TLS', () => {
    expect(connectionFromUrl('rediss://bot:p%40ss@redis.internal:6380/2')).toEqual({
      host: 'redis.internal',
      port: 6380,
      username: 'bot',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
    expect(connectionFromUrl('redis://:secret@127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379, password: 'secret', maxRetriesPerRequest: null });
  });

  it('says what is wrong with a bad REDIS_URL', () => {
    expect(() => connectionFromUrl('localhost:6379')).toThrow('REDIS_URL must start with redis:// or rediss://, not localhost://');
    expect(() => connectionFromUrl('not a url')).toThrow('REDIS_URL is not a URL: "not a url" (expected redis://host:6379)');
    expect(() => connectionFromUrl('redis://host/cache')).toThrow('REDIS_URL names database "cache"; expected a number like /0');
  });
});

describe('redisUrlFromEnv', () => {
  it('is the switch: set and not blank', () => {
    expect(redisUrlFromEnv({ REDIS_URL: ' redis://h:1 ' })).toBe('redis://h:1');
    expect(redisUrlFromEnv({ REDIS_URL: '  ' })).toBeUndefined();
    expect(redisUrlFromEnv({})).toBeUndefined();
  });
});

describe('bullJobId', () => {
  it('escapes the colon BullMQ forbids, without two ids meeting', () => {
    expect(bullJobId('acme/app#localhost:5000/base')).toBe('acme/app#localhost%3A5000/base');
    expect(bullJobId('a%3Ab')).toBe('a%253Ab');
    expect(bullJobId('42')).toBe('%N42');
    expect(new Set(['a:b', 'a%3Ab', '42', '%N42'].map(bullJobId)).size).toBe(4);
  });
});

describe('the factories', () => {
  it('choose the embedded queue and throttle without a Redis URL', async () => {
    expect(createJobQueue({ redisUrl: undefined })).toBeInstanceOf(MemoryJobQueue);
    const throttle = createWriteThrottle({ redisUrl: undefined, limits: [{ limit: 1, windowMs: 1000 }] });
    expect(throttle).toBeInstanceOf(MemoryWriteThrottle);
    await throttle.close();
  });

  it.skipIf(!redisReachable)(redisReachable ? 'choose BullMQ and the Redis throttle with one' : `choose BullMQ and the Redis throttle with one (skipped: ${NO_REDIS})`, async () => {
    const queue = createJobQueue({ redisUrl: REDIS_URL, name: uniqueName('factory') });
    expect(queue).toBeInstanceOf(BullJobQueue);
    await queue.close();
    const throttle = createWriteThrottle({ redisUrl: REDIS_URL, prefix: uniqueName('factory') });
    expect(throttle).toBeInstanceOf(RedisWriteThrottle);
    await throttle.close();
  });
});
