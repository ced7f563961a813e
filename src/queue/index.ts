import { BullJobQueue } from './bullmq.js';
import { MemoryJobQueue } from './memory.js';
import type { WriteThrottle } from './throttle.js';
import type { JobQueue, RetryPolicy } from './types.js';

export type { JobQueue, QueuedJob, JobHandlers, FailedJobReport, RetryPolicy } from './types.js';
export { MemoryWriteThrottle, writeLimitsFromEnv, type WriteThrottle } from './throttle.js';

/** BullMQ on Redis when `REDIS_URL` is set; otherwise in process. The caller sees one interface. */
export function createJobQueue<T>(options: { redisUrl?: string; concurrency?: number; retry?: RetryPolicy; throttle?: WriteThrottle } = {}): JobQueue<T> {
  const { redisUrl, ...rest } = options;
  return redisUrl ? new BullJobQueue<T>({ url: redisUrl, ...rest }) : new MemoryJobQueue<T>(rest);
}
