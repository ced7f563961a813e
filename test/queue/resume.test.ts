import { afterEach, describe, expect, it } from 'vitest';
import { BullJobQueue } from '../../src/queue/bullmq.js';
import { deleteKeys, NO_REDIS, REDIS_URL, redisReachable, uniqueName } from './redis-server.js';

/**
 * The promise: kill the app halfway through a fan-out and start it again; with Redis it
 * resumes, no repository gets two pull requests and none is forgotten. "Opening a pull request"
 * is an idempotent effect here (a Set, as the bump job finds its own open pull request), run by
 * two instances of the queue on one Redis, the first stopped halfway.
 */
const JOBS = 200;
const CONCURRENCY = 4;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ids = Array.from({ length: JOBS }, (_, i) => `acme/repo-${String(i).padStart(3, '0')}#node`);

const open: BullJobQueue<unknown>[] = [];
let name = '';

afterEach(async () => {
  await Promise.all(open.splice(0).map((q) => q.close().catch(() => undefined)));
  await deleteKeys(`bull:${name}:*`);
});

function instance(): BullJobQueue<string> {
  const q = new BullJobQueue<string>({ url: REDIS_URL, name, concurrency: CONCURRENCY, lockDurationMs: 1000 });
  open.push(q as BullJobQueue<unknown>);
  return q;
}

/** Runs instance A until `stopAfter` jobs completed, then stops it the way `stop` says. */
async function firstInstance(stop: 'kill' | 'close', effects: Set<string>, completed: string[]) {
  const a = instance();
  let stopped = false;
  let reached!: () => void;
  const halfway = new Promise<void>((resolve) => (reached = resolve));
  a.process({
    run: async (_data, id) => {
      effects.add(id);
      await sleep(5);
      // A killed process never gets to report the job done; its lock simply runs out.
      if (stopped && stop === 'kill') await new Promise(() => undefined);
      completed.push(id);
      if (completed.length === JOBS / 2) reached();
    },
  });
  await a.add(ids.map((id) => ({ id, data: id, priority: 2 })));
  await halfway;
  stopped = true;
  await (stop === 'kill' ? a.kill() : a.close());
}

function counts(list: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const id of list) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}

describe.skipIf(!redisReachable)(redisReachable ? 'resuming a fan-out on Redis' : `resuming a fan-out on Redis (skipped: ${NO_REDIS})`, () => {
  it('finishes in a second instance after the first was killed halfway, each effect once', async () => {
    name = uniqueName('resume-kill');
    const effects = new Set<string>();
    const completedByA: string[] = [];
    await firstInstance('kill', effects, completedByA);
    expect(completedByA.length).toBeGreaterThanOrEqual(JOBS / 2);
    expect(completedByA.length).toBeLessThan(JOBS);
    const effectsAtKill = new Set(effects);

    const completedByB: string[] = [];
    const b = instance();
    // What a restarted app sees: the cut-short fan-out is still in Redis.
    const pending = await b.pending();
    expect(pending).toBeGreaterThanOrEqual(JOBS - completedByA.length);
    expect(pending).toBeLessThanOrEqual(JOBS - completedByA.length + CONCURRENCY);
    b.process({
      run: async (_data, id) => {
        effects.add(id);
        completedByB.push(id);
      },
    });
    await b.drained();

    expect([...effects].sort()).toEqual(ids);
    expect(new Set([...completedByA, ...completedByB])).toEqual(new Set(ids));
    expect([...counts(completedByB).values()].every((n) => n === 1)).toBe(true);
    // Run again: only what A had started and not yet recorded as done, at most one per slot.
    const again = completedByB.filter((id) => effectsAtKill.has(id));
    expect(again.length).toBeGreaterThanOrEqual(1);
    expect(again.length).toBeLessThanOrEqual(CONCURRENCY);
  });

  it('runs each job exactly once when the first instance stops gracefully halfway', async () => {
    name = uniqueName('resume-close');
    const effects = new Set<string>();
    const runs: string[] = [];
    await firstInstance('close', effects, runs);
    const b = instance();
    b.process({
      run: async (_data, id) => {
        effects.add(id);
        runs.push(id);
      },
    });
    await b.drained();
    expect([...effects].sort()).toEqual(ids);
    expect([...counts(runs).values()].every((n) => n === 1)).toBe(true);
    expect(runs).toHaveLength(JOBS);
  });
});
