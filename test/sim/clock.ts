import type { Clock } from '../../src/clock.js';

export interface SimClockOptions {
  /** Virtual milliseconds per real millisecond: 100 turns an hour of rate limits into 36 s. */
  speed?: number;
  /** Virtual epoch milliseconds at construction. */
  start?: number;
}

/**
 * Scaled time shared by the simulator and the app in one process, so both agree on when a rate
 * limit window ends. `advance` jumps ahead, for tests that must not wait at all.
 */
export class SimClock implements Clock {
  readonly speed: number;
  private readonly start: number;
  private readonly realStart = performance.now();
  private skipped = 0;

  constructor(options: SimClockOptions = {}) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new Error(`SimClock speed must be positive, got ${this.speed}`);
    this.start = options.start ?? Date.now();
  }

  now(): number {
    return this.start + this.skipped + (performance.now() - this.realStart) * this.speed;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.speed));
  }

  /** Move virtual time forward by `ms` at once (sleepers already waiting are not woken early). */
  advance(ms: number): void {
    this.skipped += Math.max(0, ms);
  }
}
