/**
 * A cache bounded by size: least recently used entries go first. Content addressed by digest never
 * changes, so it stays until pushed out; answers that can change (a tag's digest, a tag list) carry
 * an expiry.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; size: number; expires: number }>();
  private used = 0;

  constructor(
    private readonly maxSize: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // Most recently used goes last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** `ttlMs` Infinity for immutable content. An entry larger than the whole cache is not kept. */
  set(key: string, value: V, size: number, ttlMs = Infinity): void {
    this.delete(key);
    if (size > this.maxSize) return;
    this.entries.set(key, { value, size, expires: this.now() + ttlMs });
    this.used += size;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.maxSize) break;
      this.entries.delete(oldest);
      this.used -= entry.size;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.size;
  }

  get size(): number {
    return this.used;
  }
}
