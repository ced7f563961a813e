import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { classifyFailure } from './failure.js';
import type { WriteThrottle } from './throttle.js';
import { DEFAULT_RETRY, type JobHandlers, type JobQueue, type QueuedJob, type RetryPolicy } from './types.js';

export interface BullJobQueueOptions {
  /** `redis://host:port`, usually `REDIS_URL`. */
  url: string;
  /** Queue name; instances of one app share it. */
  name?: string;
  concurrency?: number;
  retry?: RetryPolicy;
  throttle?: WriteThrottle;
}

/** BullMQ forbids `:` in custom ids (a registry port: `localhost:5000/app`). */
export function bullJobId(id: string): string {
  return id.replaceAll('%', '%25').replaceAll(':', '%3A');
}

export function connectionFromUrl(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; ioredis must not give up on them.
    maxRetriesPerRequest: null,
  };
}

/**
 * Jobs in Redis: they survive a restart (a fan-out killed halfway resumes when an instance comes
 * back), and several instances share them. Dedupe is BullMQ's: adding a job id that is waiting,
 * delayed or running is a no-op. Finished jobs are removed, so a later recheck can add them again.
 */
export class BullJobQueue<T> implements JobQueue<T> {
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly connection: ConnectionOptions;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: BullJobQueueOptions) {
    this.connection = connectionFromUrl(options.url);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.queue = new Queue(options.name ?? 'plimsoll-bumps', { connection: this.connection });
  }

  async add(jobs: readonly QueuedJob<T>[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: 'bump',
        data: { id: job.id, data: job.data },
        opts: {
          jobId: bullJobId(job.id),
          priority: job.priority,
          attempts: this.retry.maxAttempts,
          backoff: { type: 'exponential', delay: this.retry.backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  process(handlers: JobHandlers<T>): void {
    this.worker = new Worker(
      this.queue.name,
      async (job) => {
        const { id, data } = job.data as { id: string; data: T };
        try {
          await handlers.run(data, id);
        } catch (error) {
          const failure = classifyFailure(error);
          if (failure.kind === 'rate-limited') {
            this.options.throttle?.pauseUntil(Date.now() + failure.waitMs);
            // Back to waiting without spending an attempt; every worker of the queue pauses.
            await this.queue.rateLimit(failure.waitMs);
            throw Worker.RateLimitError();
          }
          if (failure.kind === 'permanent') throw new UnrecoverableError(messageOf(error));
          throw error;
        }
      },
      { connection: this.connection, concurrency: this.options.concurrency ?? 4 },
    );
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final) return;
      const { id, data } = job.data as { id: string; data: T };
      void handlers.failed?.({ id, data, attempts: job.attemptsMade, error });
    });
  }

  async drained(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((count) => count === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
