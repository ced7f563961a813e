/**
 * Mutual exclusion per key across processes. In one process the review queue already runs one
 * review per pull request at a time; this lock extends that to every instance of the app.
 */
export interface KeyLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** One process only: the review queue's own ordering is the lock. */
export const inProcessLock: KeyLock = {
  withLock: (_key, fn) => fn(),
};
