/**
 * Work that must not overlap, run one after another in the order it was asked for: per key
 * (`KeyedSerial`: one installation's fan-outs, one pull request's policy checks), or in one line
 * (`Serial`: a throttle's callers). A failure is the caller's; the line goes on. `KeyedSerial`
 * also tracks everything it started, so `idle()` resolves once it is all done (tests, shutdown).
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(work);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}

export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = turn.catch(() => undefined);
    this.tails.set(key, tail);
    this.track(
      tail.finally(() => {
        if (this.tails.get(key) === tail) this.tails.delete(key);
      }),
    );
    return turn;
  }

  /** Count other background work in `idle()`; its failure is logged where it happens, not here. */
  track(work: Promise<unknown>): void {
    const quiet = work.catch(() => undefined);
    this.pending.add(quiet);
    void quiet.finally(() => this.pending.delete(quiet));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }
}
