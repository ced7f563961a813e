import { Queue, UnrecoverableError, Worker, type Job, type RedisOptions } from 'bullmq';
import { systemClock, type Clock } from '../clock.js';
import { classifyFailure } from './failure.js';
import { connectionFromUrl } from './redis.js';
import { chooseThrottle, type ThrottleChoice } from './throttle.js';
import { backoffFor, DEFAULT_RETRY, type JobHandlers, type JobQueue, type QueuedJob, type RetryPolicy, type JobCounts } from './types.js';

export interface BullJobQueueOptions<T = unknown> {
  /** `redis://host:port`, usually `REDIS_URL`. */
  url: string;
  /** Queue name; the instances of one app share it. */
  name?: string;
  concurrency?: number;
  retry?: RetryPolicy;
  /** Told about rate-limit answers (the one of the job's installation), so its writers wait too. */
  throttle?: ThrottleChoice<T>;
  clock?: Clock;
  /**
   * How long a running job stays claimed without a heartbeat. A job of an instance that died is
   * run again by another one after this (and BullMQ's stall check); tests shorten it.
   */
  lockDurationMs?: number;
  /** Told about Redis connection errors (ioredis reconnects by itself); silent by default. */
  onError?: (error: Error) => void;
}

interface Envelope<T> {
  id: string;
  data: T;
}

export const DEFAULT_QUEUE_NAME = 'plimsoll-bumps';
const POLL_MS = 100;

/**
 * BullMQ forbids `:` in custom ids (a registry port: `localhost:5000/app`) and ids that read as
 * integers. `%` is escaped first, so `%N` (integers) cannot come out of any other id.
 */
export function bullJobId(id: string): string {
  const escaped = id.replaceAll('%', '%25').replaceAll(':', '%3A');
  return `${parseInt(escaped, 10)}` === escaped ? `%N${escaped}` : escaped;
}

/**
 * Jobs in Redis: they survive a restart (a fan-out killed halfway resumes when an instance comes
 * back) and several instances share them. Dedupe is BullMQ's: adding the id of a job that is
 * waiting, delayed or running does nothing. Finished and failed jobs are removed, so a later
 * fan-out or recheck can add them again.
 */
export class BullJobQueue<T> implements JobQueue<T> {
  private readonly queue: Queue;
  private worker: Worker | null = null;
  /** A second `process` swaps the handlers; the one worker stays. */
  private handlers: JobHandlers<T> | null = null;
  private readonly connection: RedisOptions;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(private readonly options: BullJobQueueOptions<T>) {
    this.connection = connectionFromUrl(options.url);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? systemClock;
    this.queue = new Queue(options.name ?? DEFAULT_QUEUE_NAME, { connection: this.connection });
    // Not an unhandled 'error' event: ioredis reconnects, and commands wait for it.
    this.queue.on('error', (error) => options.onError?.(error));
  }

  get name(): string {
    return this.queue.name;
  }

  async add(jobs: readonly QueuedJob<T>[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: 'bump',
        data: { id: job.id, data: job.data } satisfies Envelope<T>,
        opts: {
          jobId: bullJobId(job.id),
          priority: job.priority,
          attempts: this.retry.maxAttempts,
          backoff: { type: 'plimsoll' },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  process(handlers: JobHandlers<T>): void {
    this.handlers = handlers;
    if (this.worker) return;
    this.worker = new Worker(this.queue.name, (job: Job<Envelope<T>>) => this.run(job), {
      connection: this.connection,
      concurrency: Math.max(1, this.options.concurrency ?? 4),
      settings: { backoffStrategy: (attemptsMade: number) => backoffFor(this.retry, attemptsMade) },
      // Pacing is the write throttle's; BullMQ only honours `queue.rateLimit` when a limiter is set.
      limiter: { max: 1_000_000, duration: 1000 },
      ...(this.options.lockDurationMs ? { lockDuration: this.options.lockDurationMs, stalledInterval: this.options.lockDurationMs } : {}),
    });
    this.worker.on('error', (error) => this.options.onError?.(error));
  }

  async drained(): Promise<void> {
    while ((await this.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  /**
   * Jobs waiting, delayed or running, in Redis: more than 0 at start-up means a fan-out was cut
   * short (a restart), and a recheck of that installation should run to finish it.
   */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async counts(): Promise<JobCounts> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'failed', 'completed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, done: c.completed ?? 0 };
  }

  /** Running jobs finish first; what is waiting stays in Redis for the next instance. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /**
   * Stops at once, as a killed process would: running jobs are not finished or released; once
   * their lock expires another instance runs them again. For tests of resuming.
   */
  async kill(): Promise<void> {
    await this.worker?.close(true);
    await this.queue.close();
  }

  private async run(job: Job<Envelope<T>>): Promise<void> {
    const { id, data } = job.data;
    const handlers = this.handlers;
    if (!handlers) throw new Error('no handlers');
    try {
      await handlers.run(data, id);
    } catch (error) {
      const failure = classifyFailure(error, this.clock.now());
      if (failure.kind === 'rate-limited') {
        chooseThrottle(this.options.throttle, data)?.pauseUntil(this.clock.now() + failure.waitMs);
        // Back to waiting without spending an attempt; every worker of the queue pauses.
        await this.queue.rateLimit(Math.max(1, failure.waitMs));
        throw Worker.RateLimitError();
      }
      const attempts = job.attemptsMade + 1;
      const final = failure.kind === 'permanent' || attempts >= (job.opts.attempts ?? 1);
      if (!final) throw error;
      // Reported before the job leaves `active`, so `drained()` cannot resolve before the report.
      await handlers.failed?.({ id, data, attempts, error });
      throw new UnrecoverableError(messageOf(error));
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
