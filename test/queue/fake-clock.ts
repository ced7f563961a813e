import type { Clock } from '../../src/clock.js';

/** Virtual time: `sleep` moves time forward and resolves at once, so hours pass in milliseconds. */
export function fakeClock(start = Date.UTC(2025, 5, 1)): Clock & { elapsed(): number } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
    elapsed: () => now - start,
  };
}
