import type { Redis } from 'ioredis';
import { connectRedis } from '../queue/redis.js';
import type { Inventory } from './model.js';

/**
 * Where the inventory is kept between fan-outs, by installation. In memory by default (a restart
 * rescans, once); in Redis when `REDIS_URL` is set, so instances share it and a restart keeps it.
 */
export interface InventoryStore {
  get(installationId: number): Promise<Inventory | null>;
  set(installationId: number, inventory: Inventory): Promise<void>;
  close(): Promise<void>;
}

/** Copies in and out, as Redis does, so a caller cannot change what is stored by mistake. */
export class MemoryInventoryStore implements InventoryStore {
  private readonly inventories = new Map<number, Inventory>();

  async get(installationId: number): Promise<Inventory | null> {
    const inventory = this.inventories.get(installationId);
    return inventory ? structuredClone(inventory) : null;
  }

  async set(installationId: number, inventory: Inventory): Promise<void> {
    this.inventories.set(installationId, structuredClone(inventory));
  }

  async close(): Promise<void> {}
}

export interface RedisInventoryStoreOptions {
  /** A client to share (not closed by `close()`), or a URL to open one of its own. */
  redis: Redis | string;
  prefix?: string;
}

/** JSON under `<prefix>:<installation id>`. What cannot be read back counts as no inventory: a rescan. */
export class RedisInventoryStore implements InventoryStore {
  private readonly redis: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;

  constructor(options: RedisInventoryStoreOptions) {
    this.ownsClient = typeof options.redis === 'string';
    this.redis = typeof options.redis === 'string' ? connectRedis(options.redis) : options.redis;
    this.prefix = options.prefix ?? 'plimsoll:inventory';
  }

  async get(installationId: number): Promise<Inventory | null> {
    const text = await this.redis.get(this.key(installationId));
    if (text === null) return null;
    try {
      const value: unknown = JSON.parse(text);
      return isInventory(value) ? value : null;
    } catch {
      return null;
    }
  }

  async set(installationId: number, inventory: Inventory): Promise<void> {
    await this.redis.set(this.key(installationId), JSON.stringify(inventory));
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.redis.quit();
  }

  private key(installationId: number): string {
    return `${this.prefix}:${installationId}`;
  }
}

export function createInventoryStore(options: { redisUrl?: string | undefined; prefix?: string } = {}): InventoryStore {
  return options.redisUrl ? new RedisInventoryStore({ redis: options.redisUrl, ...(options.prefix ? { prefix: options.prefix } : {}) }) : new MemoryInventoryStore();
}

function isInventory(value: unknown): value is Inventory {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['repos', 'failedJobs', 'openPullRequests'].every((key) => typeof record[key] === 'object' && record[key] !== null && !Array.isArray(record[key]));
}
