import { systemClock, type Clock } from '../clock.js';
import { Serial } from './serial.js';

/**
 * Paces content-creating requests (POST, PATCH, PUT, DELETE, GraphQL mutations) to GitHub's
 * secondary limits: 80 a minute and 500 an hour by default. Every write of the fan-out awaits
 * `acquire()` first; a rate-limit answer from GitHub pauses every writer until it lifts.
 */
export interface WriteThrottle {
  acquire(): Promise<void>;
  /** Nobody writes before `untilMs` (epoch ms): GitHub said `retry-after` or `x-ratelimit-reset`. */
  pauseUntil(untilMs: number): void;
}

/** The throttle a queue pauses on a rate-limit answer: one, or one per job's installation. */
export type ThrottleChoice<T> = WriteThrottle | ((data: T) => WriteThrottle | undefined);

export function chooseThrottle<T>(choice: ThrottleChoice<T> | undefined, data: T): WriteThrottle | undefined {
  return typeof choice === 'function' ? choice(data) : choice;
}

export interface WriteLimit {
  limit: number;
  windowMs: number;
}

/**
 * GitHub counts a write when it arrives, we when we send it: latency that varies between two
 * writes a window apart would let GitHub see one too many. Windows are this much longer here.
 */
export const WINDOW_MARGIN_MS = 2_000;

export const GITHUB_WRITE_LIMITS: readonly WriteLimit[] = [
  { limit: 80, windowMs: 60_000 + WINDOW_MARGIN_MS },
  { limit: 500, windowMs: 3_600_000 + WINDOW_MARGIN_MS },
];

/** Limits from the environment: `PLIMSOLL_WRITES_PER_MINUTE`, `PLIMSOLL_WRITES_PER_HOUR`. */
export function writeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): WriteLimit[] {
  const perMinute = Number(env.PLIMSOLL_WRITES_PER_MINUTE ?? 80);
  const perHour = Number(env.PLIMSOLL_WRITES_PER_HOUR ?? 500);
  return [
    { limit: perMinute > 0 ? perMinute : 80, windowMs: 60_000 + WINDOW_MARGIN_MS },
    { limit: perHour > 0 ? perHour : 500, windowMs: 3_600_000 + WINDOW_MARGIN_MS },
  ];
}

export interface WriteThrottleOptions {
  /** The wall clock by default; the simulator passes a faster one. */
  clock?: Clock;
}

/** Sliding windows in this process; callers are served in order. */
export class MemoryWriteThrottle implements WriteThrottle {
  private readonly stamps: number[] = [];
  private pausedUntil = 0;
  /** Callers are served in the order they asked. */
  private readonly line = new Serial();
  private readonly clock: Clock;

  constructor(
    private readonly limits: readonly WriteLimit[] = GITHUB_WRITE_LIMITS,
    options: WriteThrottleOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  acquire(): Promise<void> {
    return this.line.run(() => this.waitForSlot());
  }

  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** Nothing to release; here so callers can close either throttle. */
  async close(): Promise<void> {}

  /** Writes granted in the last `windowMs`, for tests and logs. */
  countWithin(windowMs: number, now: number = this.clock.now()): number {
    return this.stamps.filter((stamp) => stamp > now - windowMs).length;
  }

  private async waitForSlot(): Promise<void> {
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    for (;;) {
      const now = this.clock.now();
      while (this.stamps.length > 0 && this.stamps[0]! <= now - longest) this.stamps.shift();
      let wait = Math.max(0, this.pausedUntil - now);
      for (const { limit, windowMs } of this.limits) {
        const inWindow = this.stamps.filter((stamp) => stamp > now - windowMs);
        if (inWindow.length >= limit) wait = Math.max(wait, inWindow[inWindow.length - limit]! + windowMs - now);
      }
      if (wait <= 0) {
        this.stamps.push(now);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}
