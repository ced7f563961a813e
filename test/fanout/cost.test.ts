import { describe, expect, it } from 'vitest';
import { fanOutCost, writeFloorMs } from '../../src/fanout/cost.js';

const GITHUB = [
  { limit: 80, windowMs: 60_000 },
  { limit: 500, windowMs: 3_600_000 },
];

describe('writeFloorMs', () => {
  it('is nothing within one minute’s budget, a minute per 80 beyond, an hour per 500', () => {
    expect(writeFloorMs(0, GITHUB)).toBe(0);
    expect(writeFloorMs(80, GITHUB)).toBe(0);
    expect(writeFloorMs(81, GITHUB)).toBe(60_000);
    expect(writeFloorMs(500, GITHUB)).toBe(6 * 60_000);
    expect(writeFloorMs(501, GITHUB)).toBe(3_600_000);
  });
});

describe('fanOutCost', () => {
  it('counts 2 writes per new pull request, 1 per moved or closed one, 1 for the inventory issue', () => {
    const cost = fanOutCost(['open', 'open', 'update', 'close', 'unchanged', 'max-open'], 250, GITHUB);
    expect(cost).toEqual({ pullRequests: { opened: 2, updated: 1, closed: 1 }, writes: 7, reads: 3 + 5, floorMs: 0 });
  });

  it('a thousand new pull requests take over three hours at GitHub’s limits', () => {
    const cost = fanOutCost(Array.from({ length: 1000 }, () => 'open' as const), 1000, GITHUB);
    expect(cost.writes).toBe(2001);
    expect(cost.floorMs).toBe(4 * 3_600_000);
  });
});
