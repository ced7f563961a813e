import type { WriteLimit } from '../queue/throttle.js';

/** What a bump job does to its pull request, as the fan-out would decide it. */
export type BumpAction = 'open' | 'update' | 'close' | 'unchanged' | 'dry-run' | 'max-open';

/**
 * Content-creating requests per action (src/github/bump-write.ts): a new pull request is one
 * GraphQL document (branch, commit, pull request) and one labels request; moving or closing one is
 * one document; the rest write nothing.
 */
export const WRITES_PER_ACTION: Record<BumpAction, number> = { open: 2, update: 1, close: 1, unchanged: 0, 'dry-run': 0, 'max-open': 0 };

export interface FanOutCost {
  pullRequests: { opened: number; updated: number; closed: number };
  /** Content-creating requests, the inventory issue included. */
  writes: number;
  /** Reads: listing the repositories, and one state read per job. */
  reads: number;
  /** Time the writes need at least, at GitHub's write limits (the throttle's pace). */
  floorMs: number;
}

/**
 * The cost of a fan-out that takes these actions over an inventory of `repositories` (SPEC §7):
 * writes and the least time GitHub's secondary limits allow them (80 a minute and 500 an hour by
 * default, as src/queue/throttle.ts paces them), plus the one write of the inventory issue.
 */
export function fanOutCost(actions: readonly BumpAction[], repositories: number, limits: readonly WriteLimit[]): FanOutCost {
  const count = (action: BumpAction) => actions.filter((a) => a === action).length;
  const jobs = actions.filter((a) => a !== 'max-open').length;
  const writes = actions.reduce((sum, action) => sum + WRITES_PER_ACTION[action], 0) + 1;
  return {
    pullRequests: { opened: count('open'), updated: count('update'), closed: count('close') },
    writes,
    reads: Math.max(1, Math.ceil(repositories / 100)) + jobs,
    floorMs: writeFloorMs(writes, limits),
  };
}

/** When the last of `count` writes may go at the earliest, every limit's sliding window respected. */
export function writeFloorMs(count: number, limits: readonly WriteLimit[]): number {
  const at: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (const { limit, windowMs } of limits) if (i >= limit) t = Math.max(t, at[i - limit]! + windowMs);
    at.push(t);
  }
  return at.at(-1) ?? 0;
}
