/**
 * Time as the fan-out sees it. Production uses the wall clock; the offline GitHub simulator
 * (test/sim) passes one that runs faster, so hours of GitHub's write limits take seconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
