import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import { connectRedis } from './redis.js';
import { GITHUB_WRITE_LIMITS, type WriteLimit, type WriteThrottle } from './throttle.js';
import { Serial } from './serial.js';

export interface RedisWriteThrottleOptions {
  /** A client to share (not closed by `close()`), or a URL to open one of its own. */
  redis: Redis | string;
  /**
   * Keys start with it. GitHub counts secondary limits per user or installation, so one prefix
   * per installation (`plimsoll:throttle:<installation id>`) paces each organisation on its own.
   */
  prefix?: string;
  limits?: readonly WriteLimit[];
  clock?: Clock;
}

/**
 * In one step, so instances cannot both take the last slot: drop grants older than the longest
 * window, then wait for a pause or for every window to have room; else record the grant.
 * KEYS: grants (sorted set, score = time), pause (epoch ms). ARGV: now, member, then limit and
 * window pairs. Returns 0 when granted, else the milliseconds to wait.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local longest = 0
for i = 3, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i + 1])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local wait = 0
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then wait = paused - now end
for i = 3, #ARGV, 2 do
  local limit, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
  if count >= limit then
    local freeing = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
    wait = math.max(wait, tonumber(freeing[2]) + window - now)
  end
end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], longest)
return 0
`;

/** KEYS: pause. ARGV: until, now. Keeps the later of two pauses; the key expires with it. */
const PAUSE = `
local untilMs, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current and untilMs > now then redis.call('SET', KEYS[1], ARGV[1], 'PX', untilMs - now) end
return 0
`;

/**
 * GitHub's write limits shared by every instance of the app: the grants of the sliding windows
 * and the pause GitHub asked for live in Redis. Callers of one instance are served in order.
 * Instances compare times from their own clocks, so they should be NTP-synced, as servers are.
 */
export class RedisWriteThrottle implements WriteThrottle {
  private readonly redis: Redis;
  private readonly ownsClient: boolean;
  private readonly grantsKey: string;
  private readonly pauseKey: string;
  private readonly limits: readonly WriteLimit[];
  private readonly clock: Clock;
  /** Honoured at once here, before Redis has it. */
  private pausedUntil = 0;
  /** Callers are served in the order they asked. */
  private readonly line = new Serial();

  constructor(options: RedisWriteThrottleOptions) {
    this.ownsClient = typeof options.redis === 'string';
    this.redis = typeof options.redis === 'string' ? connectRedis(options.redis) : options.redis;
    // Braces keep both keys in one Redis Cluster slot, as a script needs.
    const prefix = `{${options.prefix ?? 'plimsoll:throttle'}}`;
    this.grantsKey = `${prefix}:grants`;
    this.pauseKey = `${prefix}:pause`;
    this.limits = options.limits ?? GITHUB_WRITE_LIMITS;
    this.clock = options.clock ?? systemClock;
  }

  acquire(): Promise<void> {
    return this.line.run(() => this.waitForSlot());
  }

  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    // The interface is synchronous; if Redis misses it, this instance still waits, and GitHub
    // tells the others on their next write.
    void this.redis.eval(PAUSE, 1, this.pauseKey, String(Math.ceil(untilMs)), String(this.clock.now())).catch(() => undefined);
  }

  /** Closes the client if this throttle opened it. */
  async close(): Promise<void> {
    if (this.ownsClient) await this.redis.quit();
  }

  private async waitForSlot(): Promise<void> {
    const windows = this.limits.flatMap(({ limit, windowMs }) => [String(limit), String(windowMs)]);
    for (;;) {
      const now = this.clock.now();
      const local = this.pausedUntil - now;
      const wait = local > 0 ? local : Number(await this.redis.eval(ACQUIRE, 2, this.grantsKey, this.pauseKey, String(now), `${now}:${randomUUID()}`, ...windows));
      if (wait <= 0) return;
      await this.clock.sleep(wait);
    }
  }
}
