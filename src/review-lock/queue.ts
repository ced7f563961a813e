import { inProcessLock, type KeyLock } from './lock.js';

interface Entry {
  run: () => Promise<unknown>;
  /** A plain re-review: a later one replaces it while it waits. */
  coalesce: boolean;
  waiters: Array<{ resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
}

/**
 * Reviews run in the background, so the webhook is answered at once (GitHub gives up after 10 s),
 * one at a time per pull request. A review asked for while one runs is queued: plain re-reviews
 * (a push, a re-run) coalesce into one "again" run with the latest request, while reviews carrying
 * commands each run, in order, as their outcomes are answered one by one. Nothing is dropped.
 */
export class ReviewQueue {
  private readonly pending = new Map<string, Entry[]>();
  private readonly active = new Set<Promise<unknown>>();

  constructor(private readonly lock: KeyLock = inProcessLock) {}

  enqueue<T>(key: string, run: () => Promise<T>, options: { coalesce: boolean }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = { resolve: resolve as (value: unknown) => void, reject };
      const queue = this.pending.get(key);
      const again = options.coalesce ? queue?.find((e) => e.coalesce) : undefined;
      if (again) {
        again.run = run;
        again.waiters.push(waiter);
        return;
      }
      const entry: Entry = { run, coalesce: options.coalesce, waiters: [waiter] };
      if (queue) queue.push(entry);
      else {
        this.pending.set(key, [entry]);
        this.track(this.drain(key));
      }
    });
  }

  /** Keep a background task in view of `settled`, and never let it reject unobserved. */
  track(task: Promise<unknown>): void {
    const quiet = task.catch(() => undefined);
    this.active.add(quiet);
    void quiet.finally(() => this.active.delete(quiet));
  }

  /** Something is running or waiting. */
  get busy(): boolean {
    return this.active.size > 0;
  }

  /** Resolves once every review asked for so far, and every tracked task, has finished. */
  async settled(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active]);
  }

  private async drain(key: string): Promise<void> {
    const queue = this.pending.get(key)!;
    while (queue.length > 0) {
      const entry = queue[0]!;
      // Taken off the queue only when it starts: until then a later plain review can replace it.
      queue.shift();
      try {
        const value = await this.lock.withLock(key, entry.run);
        for (const w of entry.waiters) w.resolve(value);
      } catch (error) {
        for (const w of entry.waiters) w.reject(error);
      }
    }
    this.pending.delete(key);
  }
}
