import { systemClock, type Clock } from '../clock.js';
import { classifyFailure } from './failure.js';
import { chooseThrottle, type ThrottleChoice } from './throttle.js';
import { after, type Cancel } from './timer.js';
import { backoffFor, DEFAULT_RETRY, type JobHandlers, type JobQueue, type QueuedJob, type RetryPolicy, type JobCounts } from './types.js';

export interface MemoryQueueOptions<T = unknown> {
  concurrency?: number;
  retry?: RetryPolicy;
  /** Told about rate-limit answers, so every writer waits, not only the job that was refused. */
  throttle?: ThrottleChoice<T>;
  /** Backoffs and rate-limit waits run on it; the wall clock by default. */
  clock?: Clock;
}

interface Entry<T> {
  job: QueuedJob<T>;
  attempts: number;
  seq: number;
}

interface Retry<T> {
  entry: Entry<T>;
  delayMs: number;
}

/**
 * The embedded default: jobs live in this process only. After a restart, `/plimsoll recheck` in
 * the policy repository plans again; handlers are idempotent, so nothing is opened twice.
 */
export class MemoryJobQueue<T> implements JobQueue<T> {
  private readonly waiting: Entry<T>[] = [];
  private readonly running = new Set<string>();
  /** Ids added again while running: run once more afterwards (the policy may have moved). */
  private readonly again = new Map<string, QueuedJob<T>>();
  private readonly delayed = new Map<string, Cancel>();
  private handlers: JobHandlers<T> | null = null;
  private idleWaiters: (() => void)[] = [];
  private seq = 0;
  private closed = false;
  private finished = { failed: 0, done: 0 };
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(private readonly options: MemoryQueueOptions<T> = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.clock = options.clock ?? systemClock;
  }

  async add(jobs: readonly QueuedJob<T>[]): Promise<void> {
    for (const job of jobs) {
      if (this.running.has(job.id)) this.again.set(job.id, job);
      else if (!this.delayed.has(job.id) && !this.waiting.some((entry) => entry.job.id === job.id)) this.enqueue({ job, attempts: 0, seq: this.seq++ });
    }
    this.pump();
  }

  process(handlers: JobHandlers<T>): void {
    this.handlers = handlers;
    this.pump();
  }

  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async counts(): Promise<JobCounts> {
    return { waiting: this.waiting.length, active: this.running.size, delayed: this.delayed.size, ...this.finished };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.delayed.values()) cancel();
    this.delayed.clear();
    this.waiting.length = 0;
    this.notifyIdle();
  }

  private enqueue(entry: Entry<T>): void {
    this.waiting.push(entry);
    this.waiting.sort((a, b) => a.job.priority - b.job.priority || a.seq - b.seq);
  }

  private isIdle(): boolean {
    return this.waiting.length === 0 && this.running.size === 0 && this.delayed.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.closed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    while (!this.closed && this.handlers && this.running.size < this.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running.add(entry.job.id);
      void this.execute(entry, this.handlers);
    }
    this.notifyIdle();
  }

  private async execute(entry: Entry<T>, handlers: JobHandlers<T>): Promise<void> {
    const { job } = entry;
    let retry: Retry<T> | null = null;
    try {
      await handlers.run(job.data, job.id);
      this.finished.done++;
    } catch (error) {
      retry = await this.onError(entry, error, handlers);
    } finally {
      this.running.delete(job.id);
      // Scheduled once the run is over: a simulated clock may call back before `finally` would.
      if (retry) this.later(retry.entry, retry.delayMs);
      const again = this.again.get(job.id);
      if (again && !this.delayed.has(job.id)) {
        this.again.delete(job.id);
        this.enqueue({ job: again, attempts: 0, seq: this.seq++ });
      }
      this.pump();
    }
  }

  /** The retry a failure asks for, or null once the job was reported as failed. */
  private async onError(entry: Entry<T>, error: unknown, handlers: JobHandlers<T>): Promise<Retry<T> | null> {
    const failure = classifyFailure(error, this.clock.now());
    if (failure.kind === 'rate-limited') {
      chooseThrottle(this.options.throttle, entry.job.data)?.pauseUntil(this.clock.now() + failure.waitMs);
      return { entry, delayMs: failure.waitMs };
    }
    const attempts = entry.attempts + 1;
    if (failure.kind === 'transient' && attempts < this.retry.maxAttempts) return { entry: { ...entry, attempts }, delayMs: backoffFor(this.retry, attempts) };
    this.again.delete(entry.job.id);
    this.finished.failed++;
    await handlers.failed?.({ id: entry.job.id, data: entry.job.data, attempts, error });
    return null;
  }

  private later(entry: Entry<T>, delayMs: number): void {
    if (this.closed) return;
    const cancel = after(this.clock, delayMs, () => {
      this.delayed.delete(entry.job.id);
      this.enqueue(entry);
      this.pump();
    });
    this.delayed.set(entry.job.id, cancel);
  }
}
