import { systemClock, type Clock } from '../clock.js';

/** Cancels a pending `after`; calling it after the callback ran does nothing. */
export type Cancel = () => void;

/**
 * Runs `callback` once `ms` have passed on `clock`. On the wall clock this is a real timer, so a
 * closed queue does not keep the process alive for a two-minute backoff; another clock (the
 * simulator's) cannot be cancelled, so the callback is skipped instead.
 */
export function after(clock: Clock, ms: number, callback: () => void): Cancel {
  if (clock === systemClock) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  }
  let cancelled = false;
  void clock.sleep(ms).then(() => {
    if (!cancelled) callback();
  });
  return () => {
    cancelled = true;
  };
}
