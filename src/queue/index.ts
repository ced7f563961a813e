import type { Clock } from '../clock.js';
import { BullJobQueue } from './bullmq.js';
import { MemoryJobQueue } from './memory.js';
import { RedisWriteThrottle } from './redis-throttle.js';
import { MemoryWriteThrottle, writeLimitsFromEnv, type ThrottleChoice, type WriteLimit, type WriteThrottle } from './throttle.js';
import type { JobQueue, RetryPolicy } from './types.js';

export type { JobQueue, QueuedJob, JobHandlers, FailedJobReport, RetryPolicy } from './types.js';
export { MemoryWriteThrottle, writeLimitsFromEnv, type ThrottleChoice, type WriteThrottle } from './throttle.js';
export { connectionFromUrl, redisUrlFromEnv } from './redis.js';
export { BullJobQueue, DEFAULT_QUEUE_NAME } from './bullmq.js';
export { RedisWriteThrottle } from './redis-throttle.js';

export interface JobQueueOptions<T = unknown> {
  /** `REDIS_URL` (see `redisUrlFromEnv`): BullMQ on Redis when set, in process otherwise. */
  redisUrl?: string | undefined;
  /** BullMQ queue name; instances sharing it share the jobs. */
  name?: string;
  concurrency?: number;
  retry?: RetryPolicy;
  /** Paused on a rate-limit answer: one throttle, or the one of the job's installation. */
  throttle?: ThrottleChoice<T>;
  clock?: Clock;
}

/** The fan-out job queue: one interface, BullMQ on Redis or the embedded default. */
export function createJobQueue<T>(options: JobQueueOptions<T> = {}): JobQueue<T> {
  const { redisUrl, name, ...rest } = options;
  if (redisUrl) return new BullJobQueue<T>({ url: redisUrl, ...(name ? { name } : {}), ...rest });
  return new MemoryJobQueue<T>(rest);
}

export interface WriteThrottleFactoryOptions {
  redisUrl?: string | undefined;
  /** Redis key prefix; one per installation, as GitHub counts per installation. */
  prefix?: string;
  limits?: readonly WriteLimit[];
  clock?: Clock;
}

/** A throttle that can be closed: the Redis one holds a connection. */
export type ClosableWriteThrottle = WriteThrottle & { close(): Promise<void> };

/** GitHub's write limits (from `PLIMSOLL_WRITES_PER_*` by default), shared through Redis when it is there. */
export function createWriteThrottle(options: WriteThrottleFactoryOptions = {}): ClosableWriteThrottle {
  const limits = options.limits ?? writeLimitsFromEnv();
  const clock = options.clock ? { clock: options.clock } : {};
  if (options.redisUrl) return new RedisWriteThrottle({ redis: options.redisUrl, limits, ...(options.prefix ? { prefix: options.prefix } : {}), ...clock });
  return new MemoryWriteThrottle(limits, clock);
}
