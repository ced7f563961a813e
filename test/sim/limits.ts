import type { Clock } from '../../src/clock.js';

export interface LimitOptions {
  /** Requests per hour per installation (GitHub: 5,000; GraphQL counts separately). */
  primaryPerHour?: number;
  /** Content-creating requests per minute and per hour (GitHub: 80 and 500). */
  writesPerMinute?: number;
  writesPerHour?: number;
}

export interface Refusal {
  status: 403 | 429;
  headers: Record<string, string>;
  body: { message: string; documentation_url: string };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface Bucket {
  resetAt: number;
  used: number;
}

/**
 * GitHub's primary limit (a fixed hourly window per installation and resource, announced in
 * `x-ratelimit-*` headers) and secondary limit on writes (sliding windows; `retry-after`).
 */
export class RateLimits {
  readonly primaryPerHour: number;
  readonly writeLimits: ReadonlyArray<{ limit: number; windowMs: number }>;
  private readonly buckets = new Map<string, Bucket>();
  private readonly writes = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    options: LimitOptions = {},
  ) {
    this.primaryPerHour = options.primaryPerHour ?? 5000;
    this.writeLimits = [
      { limit: options.writesPerMinute ?? 80, windowMs: MINUTE },
      { limit: options.writesPerHour ?? 500, windowMs: HOUR },
    ];
  }

  /** Count one request of `who` against `resource`; a refusal when a limit is exhausted, with headers either way. */
  take(who: string, resource: 'core' | 'graphql', write: boolean): { headers: Record<string, string>; refusal: Refusal | null } {
    const now = this.clock.now();
    const key = `${who}:${resource}`;
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.resetAt) this.buckets.set(key, (bucket = { resetAt: now + HOUR, used: 0 }));
    const exhausted = bucket.used >= this.primaryPerHour;
    if (!exhausted) bucket.used++;
    const headers = {
      'x-ratelimit-limit': String(this.primaryPerHour),
      'x-ratelimit-remaining': String(this.primaryPerHour - bucket.used),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-reset': String(Math.ceil(bucket.resetAt / 1000)),
      'x-ratelimit-resource': resource,
    };
    if (exhausted) {
      return {
        headers,
        refusal: { status: 403, headers, body: { message: `API rate limit exceeded for installation ID ${who}.`, documentation_url: DOCS_PRIMARY } },
      };
    }
    if (!write) return { headers, refusal: null };

    const stamps = (this.writes.get(who) ?? []).filter((t) => now - t < HOUR);
    this.writes.set(who, stamps);
    for (const { limit, windowMs } of this.writeLimits) {
      const inWindow = stamps.filter((t) => now - t < windowMs);
      if (inWindow.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((inWindow[0]! + windowMs - now) / 1000));
        return {
          headers,
          refusal: {
            status: 403,
            headers: { ...headers, 'retry-after': String(retryAfter) },
            body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS_SECONDARY },
          },
        };
      }
    }
    stamps.push(now);
    return { headers, refusal: null };
  }
}

const DOCS_PRIMARY = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits';
const DOCS_SECONDARY = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

export interface FaultOptions {
  /** Share of requests answered 5xx, 0..1. */
  rate?: number;
  /** Seed of the generator deciding which ones, for repeatable runs. */
  seed?: number;
}

/** Injected server errors: a seeded share of all requests, and "the next N of this route". */
export class Faults {
  rate: number;
  private seed: number;
  private readonly pending = new Map<string, Array<{ status: number }>>();

  constructor(options: FaultOptions = {}) {
    this.rate = options.rate ?? 0;
    this.seed = options.seed ?? 1;
  }

  /** Answer the next `count` requests of `route` (`METHOD /path-template`) with `status`. */
  failNext(route: string, count = 1, status = 502): void {
    const queue = this.pending.get(route) ?? [];
    for (let i = 0; i < count; i++) queue.push({ status });
    this.pending.set(route, queue);
  }

  /** The status to fail this request with, or null. */
  decide(route: string): number | null {
    const queued = this.pending.get(route)?.shift();
    if (queued) return queued.status;
    if (this.rate > 0 && this.random() < this.rate) return 502;
    return null;
  }

  /** mulberry32: small, seeded, good enough to spread faults. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** What the simulator saw, for assertions and benchmark reports. */
export class Counters {
  readonly byRoute: Record<string, number> = {};
  readonly byRepo: Record<string, number> = {};
  reads = 0;
  writes = 0;
  primaryLimited = 0;
  secondaryLimited = 0;
  faults = 0;
  /** Rate-limited answers by route and the virtual time they were given at. */
  readonly limited: Array<{ route: string; at: number; secondary: boolean }> = [];
  /** `METHOD path` of every request no route matched. */
  readonly unknown: string[] = [];
  /** Requests refused for a permission the installation lacks: the route (or GraphQL field path) and what it needed. */
  readonly forbidden: Array<{ route: string; need: string }> = [];

  count(route: string, write: boolean, repo: string | null): void {
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
    if (repo) this.byRepo[repo] = (this.byRepo[repo] ?? 0) + 1;
    if (write) this.writes++;
    else this.reads++;
  }

  get rateLimited(): number {
    return this.primaryLimited + this.secondaryLimited;
  }
}
