import { describe, expect, it } from 'vitest';
import { ReviewQueue } from '../../src/review-lock/queue.js';

/** A job that records when it starts and ends, and finishes only when released. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('ReviewQueue', () => {
  it('runs one review per pull request at a time; plain requests that arrive meanwhile run once, with the latest', async () => {
    const queue = new ReviewQueue();
    const events: string[] = [];
    const first = gate();
    const job = (name: string, wait?: Promise<void>) => async () => {
      events.push(`start ${name}`);
      await wait;
      events.push(`end ${name}`);
      return name;
    };
    const results = [
      queue.enqueue('acme/web#7', job('push-1', first.done), { coalesce: true }),
      queue.enqueue('acme/web#7', job('push-2'), { coalesce: true }),
      queue.enqueue('acme/web#7', job('push-3'), { coalesce: true }),
      queue.enqueue('acme/web#8', job('other-pr'), { coalesce: true }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Another pull request does not wait; this one's later requests do.
    expect(events).toStrictEqual(['start push-1', 'start other-pr', 'end other-pr']);
    first.release();
    // push-2 was waiting when push-3 came: push-3 replaced it, and both callers get its result.
    expect(await Promise.all(results)).toStrictEqual(['push-1', 'push-3', 'push-3', 'other-pr']);
    expect(events).toStrictEqual(['start push-1', 'start other-pr', 'end other-pr', 'end push-1', 'start push-3', 'end push-3']);
  });

  it('never merges reviews that carry commands: each runs, in order', async () => {
    const queue = new ReviewQueue();
    const ran: string[] = [];
    const first = gate();
    const job = (name: string, wait?: Promise<void>) => async () => {
      await wait;
      ran.push(name);
      return name;
    };
    const results = [
      queue.enqueue('k', job('push', first.done), { coalesce: true }),
      queue.enqueue('k', job('approve-1'), { coalesce: false }),
      queue.enqueue('k', job('approve-2'), { coalesce: false }),
      queue.enqueue('k', job('push-again'), { coalesce: true }),
    ];
    first.release();
    expect(await Promise.all(results)).toStrictEqual(['push', 'approve-1', 'approve-2', 'push-again']);
    expect(ran).toStrictEqual(['push', 'approve-1', 'approve-2', 'push-again']);
  });

  it('a failing review rejects its callers only; the next one still runs', async () => {
    const queue = new ReviewQueue();
    const failing = queue.enqueue('k', () => Promise.reject(new Error('GitHub said no')), { coalesce: false });
    const next = queue.enqueue('k', async () => 'ok', { coalesce: false });
    await expect(failing).rejects.toThrow('GitHub said no');
    expect(await next).toBe('ok');
  });

  it('settled waits for queued reviews and tracked tasks, including those they start', async () => {
    const queue = new ReviewQueue();
    const done: string[] = [];
    queue.track(
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await queue.enqueue('k', async () => done.push('review'), { coalesce: true });
        done.push('reply');
      })(),
    );
    queue.track(Promise.reject(new Error('logged elsewhere')));
    await queue.settled();
    expect(done).toStrictEqual(['review', 'reply']);
  });
});
