import { Redis } from 'ioredis';
import { connectionFromUrl } from '../queue/redis.js';
import type { StoredPolicy } from './in-force.js';

/**
 * The last valid policy of each installation, kept so that a broken policy pushed later never
 * lifts the rules. In memory by default (a restart recovers it from the file's history instead);
 * in Redis when `REDIS_URL` is set, so it survives restarts and instances share it.
 */
export interface PolicyStore {
  get(installationId: number): Promise<StoredPolicy | null>;
  set(installationId: number, policy: StoredPolicy): Promise<void>;
  delete(installationId: number): Promise<void>;
  close(): Promise<void>;
}

export class MemoryPolicyStore implements PolicyStore {
  private readonly policies = new Map<number, StoredPolicy>();

  async get(installationId: number): Promise<StoredPolicy | null> {
    const stored = this.policies.get(installationId);
    return stored ? { ...stored } : null;
  }

  async set(installationId: number, policy: StoredPolicy): Promise<void> {
    this.policies.set(installationId, { text: policy.text, commit: policy.commit });
  }

  async delete(installationId: number): Promise<void> {
    this.policies.delete(installationId);
  }

  /** Everything forgotten, as by a restart. */
  clear(): void {
    this.policies.clear();
  }

  async close(): Promise<void> {}
}

/** JSON `{ text, commit, savedAt }` under `<prefix>:<installation id>`; what does not read back is no record. */
export class RedisPolicyStore implements PolicyStore {
  private readonly redis: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;

  constructor(options: { redis: Redis | string; prefix?: string }) {
    this.ownsClient = typeof options.redis === 'string';
    this.redis = typeof options.redis === 'string' ? boundedConnection(options.redis) : options.redis;
    this.prefix = options.prefix ?? 'plimsoll:policy';
  }

  async get(installationId: number): Promise<StoredPolicy | null> {
    const raw = await this.redis.get(this.key(installationId));
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw) as Partial<StoredPolicy>;
      if (typeof value.text !== 'string') return null;
      return { text: value.text, commit: typeof value.commit === 'string' ? value.commit : null };
    } catch {
      return null;
    }
  }

  async set(installationId: number, policy: StoredPolicy): Promise<void> {
    await this.redis.set(this.key(installationId), JSON.stringify({ text: policy.text, commit: policy.commit, savedAt: new Date().toISOString() }));
  }

  async delete(installationId: number): Promise<void> {
    await this.redis.del(this.key(installationId));
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.redis.quit();
  }

  private key(installationId: number): string {
    return `${this.prefix}:${installationId}`;
  }
}

/**
 * Unlike BullMQ's, these commands give up after a few retries: with Redis down, the policy source
 * reads the history from GitHub instead of waiting for Redis to come back.
 */
function boundedConnection(url: string): Redis {
  const redis = new Redis({ ...connectionFromUrl(url), maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined); // reported where a command fails
  return redis;
}

export function createPolicyStore(options: { redisUrl?: string | undefined; prefix?: string } = {}): PolicyStore {
  return options.redisUrl ? new RedisPolicyStore({ redis: options.redisUrl, ...(options.prefix ? { prefix: options.prefix } : {}) }) : new MemoryPolicyStore();
}
