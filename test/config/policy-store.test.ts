import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createPolicyStore, MemoryPolicyStore, RedisPolicyStore, type PolicyStore } from '../../src/config/policy-store.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from '../queue/redis-server.js';

async function roundTrip(store: PolicyStore): Promise<void> {
  expect(await store.get(1)).toBeNull();
  await store.set(1, { text: 'version: 1\n', commit: 'abc' });
  await store.set(2, { text: 'version: 1\nimages: []\n', commit: null });
  expect(await store.get(1)).toEqual({ text: 'version: 1\n', commit: 'abc' });
  expect(await store.get(2)).toEqual({ text: 'version: 1\nimages: []\n', commit: null });
  await store.delete(1);
  expect(await store.get(1)).toBeNull();
}

describe('MemoryPolicyStore', () => {
  it('keeps the last valid policy per installation, and forgets all on clear (a restart)', async () => {
    const store = new MemoryPolicyStore();
    await roundTrip(store);
    store.clear();
    expect(await store.get(2)).toBeNull();
  });

  it('is what createPolicyStore gives without a Redis URL', () => {
    expect(createPolicyStore({ redisUrl: undefined })).toBeInstanceOf(MemoryPolicyStore);
  });
});

describe.skipIf(!redisReachable)(redisReachable ? 'RedisPolicyStore' : `RedisPolicyStore (skipped: ${NO_REDIS})`, () => {
  const prefix = uniqueName('policy');
  afterAll(() => deleteKeys(`${prefix}:*`));

  it('keeps the last valid policy in Redis, where another instance (a restarted one) reads it', async () => {
    const store = new RedisPolicyStore({ redis: REDIS_URL, prefix });
    await roundTrip(store);
    await store.set(3, { text: 'version: 1\n', commit: 'def' });
    await store.close();
    const restarted = new RedisPolicyStore({ redis: REDIS_URL, prefix });
    expect(await restarted.get(3)).toEqual({ text: 'version: 1\n', commit: 'def' });
    await restarted.close();
  });

  it('reads what it cannot parse as no record', async () => {
    const redis = new Redis(REDIS_URL);
    await redis.set(`${prefix}:9`, 'not json');
    await redis.set(`${prefix}:10`, JSON.stringify({ text: 42 }));
    const store = new RedisPolicyStore({ redis, prefix });
    expect(await store.get(9)).toBeNull();
    expect(await store.get(10)).toBeNull();
    await redis.quit();
  });
});
