import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobCounts } from './queue/types.js';

/**
 * What the app counts, in Prometheus' text format at `GET /metrics` (prom-client). One registry per
 * runtime, so two apps in one process (tests) do not mix their numbers.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A review concluded: its conclusion, how long it took, and how long since GitHub's event arrived. */
  reviewed(conclusion: 'success' | 'failure' | 'error', durationMs: number, sinceEventMs: number | null): void;
  /** A write went out under the throttle, or GitHub refused one for its rate limits. */
  write(outcome: 'sent' | 'refused'): void;
  /** The primary rate limit left, from the headers of GitHub's last answer to the installation. */
  rateLimit(installationId: number, remaining: number): void;
  /** Where the fan-out's job counts come from when Prometheus scrapes. */
  jobsFrom(counts: () => Promise<JobCounts>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const reviews = new Counter({ name: 'plimsoll_reviews_total', help: 'Pull request reviews by conclusion (error: the review could not finish).', labelNames: ['conclusion'], registers: [registry] });
  const duration = new Histogram({
    name: 'plimsoll_review_duration_seconds',
    help: 'Time a review takes, from its start to its check run completed.',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'plimsoll_webhook_to_check_seconds',
    help: "Time from GitHub's event arriving to the check run completed (queueing included).",
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const writes = new Counter({ name: 'plimsoll_github_writes_total', help: "Content-creating requests sent under the write throttle, and those GitHub refused for its rate limits.", labelNames: ['outcome'], registers: [registry] });
  const remaining = new Gauge({ name: 'plimsoll_github_rate_limit_remaining', help: "Requests left in GitHub's primary rate limit, per installation, from its last answer.", labelNames: ['installation'], registers: [registry] });
  let counts: (() => Promise<JobCounts>) | null = null;
  new Gauge({
    name: 'plimsoll_fanout_jobs',
    help: "The fan-out's jobs by state: waiting, active, delayed, failed (given up), done.",
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      if (!counts) return;
      const now = await counts().catch(() => null);
      if (!now) return;
      for (const [state, value] of Object.entries(now)) this.set({ state }, value);
    },
  });
  // Every state is there from the first scrape, at zero, so a dashboard has no gaps.
  for (const outcome of ['sent', 'refused']) writes.inc({ outcome }, 0);
  for (const conclusion of ['success', 'failure', 'error']) reviews.inc({ conclusion }, 0);

  return {
    registry,
    reviewed: (conclusion, durationMs, sinceEventMs) => {
      reviews.inc({ conclusion });
      duration.observe(durationMs / 1000);
      if (sinceEventMs !== null) latency.observe(Math.max(0, sinceEventMs) / 1000);
    },
    write: (outcome) => writes.inc({ outcome }),
    rateLimit: (installationId, value) => remaining.set({ installation: String(installationId) }, value),
    jobsFrom: (source) => void (counts = source),
  };
}
