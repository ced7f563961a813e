import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyInventory, type Inventory } from '../../src/inventory/model.js';
import { createInventoryStore, MemoryInventoryStore, RedisInventoryStore, type InventoryStore } from '../../src/inventory/store.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from '../queue/redis-server.js';

function sample(): Inventory {
  return {
    repos: {
      'acme/api': {
        fullName: 'acme/api',
        defaultBranch: 'main',
        pushedAt: '2025-06-01T00:00:00Z',
        commit: 'abc123',
        files: [{ path: 'Dockerfile', images: [{ line: 1, name: 'docker.io/library/node', familiar: 'node', tag: '18', digest: null, fromArg: null }] }],
        notes: [],
      },
    },
    failedJobs: { 'acme/web#python': { repo: 'acme/web', image: 'python', attempts: 5, message: 'Server Error', at: '2025-06-01T01:00:00.000Z' } },
    openPullRequests: { 'acme/api#node': { repo: 'acme/api', image: 'node', number: 7, url: 'https://github.com/acme/api/pull/7', target: '20.11.1' } },
  };
}

async function roundTrip(store: InventoryStore): Promise<void> {
  expect(await store.get(1)).toBeNull();
  await store.set(1, sample());
  await store.set(2, emptyInventory());
  expect(await store.get(1)).toEqual(sample());
  expect(await store.get(2)).toEqual(emptyInventory());
  // What was read is a copy: changing it does not change what is stored.
  const read = (await store.get(1))!;
  delete read.repos['acme/api'];
  expect(await store.get(1)).toEqual(sample());
}

describe('MemoryInventoryStore', () => {
  it('keeps an inventory per installation', async () => {
    await roundTrip(new MemoryInventoryStore());
  });

  it('is what createInventoryStore gives without a Redis URL', () => {
    expect(createInventoryStore({ redisUrl: undefined })).toBeInstanceOf(MemoryInventoryStore);
  });
});

describe.skipIf(!redisReachable)(redisReachable ? 'RedisInventoryStore' : `RedisInventoryStore (skipped: ${NO_REDIS})`, () => {
  const prefix = uniqueName('inventory');
  afterAll(() => deleteKeys(`${prefix}:*`));

  it('keeps an inventory per installation in Redis, readable by another instance', async () => {
    const store = new RedisInventoryStore({ redis: REDIS_URL, prefix });
    await roundTrip(store);
    await store.close();
    const other = createInventoryStore({ redisUrl: REDIS_URL, prefix });
    expect(other).toBeInstanceOf(RedisInventoryStore);
    expect(await other.get(1)).toEqual(sample());
    await other.close();
  });

  it('treats what it cannot read back as no inventory, so the next fan-out rescans', async () => {
    const redis = new Redis(REDIS_URL);
    const store = new RedisInventoryStore({ redis, prefix });
    await redis.set(`${prefix}:3`, '{"repos":');
    await redis.set(`${prefix}:4`, '{"repos":[]}');
    expect([await store.get(3), await store.get(4)]).toEqual([null, null]);
    await store.close(); // a shared client stays open
    expect(await redis.ping()).toBe('PONG');
    await redis.quit();
  });
});
