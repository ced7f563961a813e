/**
 * The fan-out's job queue: one small interface, two implementations (in process, and BullMQ on
 * Redis when `REDIS_URL` is set). Handlers are idempotent, so a job run twice does no harm; the
 * queue's part is order, dedupe, pacing, retries and giving up.
 */
export interface QueuedJob<T> {
  /** Dedupe key: a job with the id of one waiting or running is not added again. */
  id: string;
  data: T;
  /** Lower runs first (banned bumps get 1, others 2). */
  priority: number;
}

export interface FailedJobReport<T> {
  id: string;
  data: T;
  attempts: number;
  error: unknown;
}

export interface JobHandlers<T> {
  run(data: T, id: string): Promise<void>;
  /** A job that kept failing (or failed in a way retrying cannot fix); it is not retried again. */
  failed?(report: FailedJobReport<T>): void | Promise<void>;
}

export interface JobQueue<T> {
  add(jobs: readonly QueuedJob<T>[]): Promise<void>;
  process(handlers: JobHandlers<T>): void;
  /** Resolves once nothing is waiting, delayed or running. */
  drained(): Promise<void>;
  /** How many jobs are in each state now (metrics). */
  counts(): Promise<JobCounts>;
  close(): Promise<void>;
}

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  /** Gave up on (kept failing, or failed for good). */
  failed: number;
  done: number;
}

export interface RetryPolicy {
  /** Attempts in all for failures that may go away (5xx, network); rate limits do not count. */
  maxAttempts: number;
  /** First backoff; doubled each attempt, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, backoffMs: 2_000, maxBackoffMs: 120_000 };

export function backoffFor(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
}
