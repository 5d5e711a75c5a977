/**
 * A map that keeps at most `max` entries and drops the least recently used first; reading an entry counts as a use.
 *
 * A Map iterates in insertion order, so re-inserting an entry on use keeps the least recently used first. Re-inserting
 * costs two hash-table writes, so a read re-inserts only an entry in the older half (last placed more than `max / 2`
 * placements ago): an entry in the younger half is far from the front, and one that ages into the older half is moved
 * on its next read. What is dropped is therefore always an entry not read since it entered the older half.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, { value: V; placed: number }>();
  /** Placements so far (insertions and moves to the back). */
  private clock = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.placed <= this.clock - this.max / 2) {
      this.map.delete(key);
      entry.placed = ++this.clock;
      this.map.set(key, entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, placed: ++this.clock });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  *values(): Generator<V> {
    for (const entry of this.map.values()) yield entry.value;
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * Values made once per key and kept (the least recently used dropped first), made again when asked for with a source
 * other than the one they were made from: a rendered card and the summary it shows, say, compared by identity.
 */
export class KeptValues<V> {
  private readonly kept: LruMap<string, { source: unknown; value: V }>;

  constructor(max: number) {
    this.kept = new LruMap(max);
  }

  get(key: string, source: unknown, make: () => V): V {
    const known = this.kept.get(key);
    if (known && known.source === source) return known.value;
    const value = make();
    this.kept.set(key, { source, value });
    return value;
  }
}
