import { MemoryJobQueue } from './memory.js';
import type { WriteThrottle } from './throttle.js';
import type { JobQueue, RetryPolicy } from './types.js';

export type { JobQueue, QueuedJob, JobHandlers, FailedJobReport, RetryPolicy } from './types.js';
export { MemoryWriteThrottle, writeLimitsFromEnv, type WriteThrottle } from './throttle.js';

/**
 * The fan-out job queue, in process. A Redis-backed implementation (BullMQ) goes behind this same
 * interface; it is not shipped yet because bullmq's optional native dependency cannot be locked
 * from the registry these machines reach (see the README, "Not built yet").
 */
export function createJobQueue<T>(options: { concurrency?: number; retry?: RetryPolicy; throttle?: WriteThrottle } = {}): JobQueue<T> {
  return new MemoryJobQueue<T>(options);
}
