/** A map that keeps at most `max` entries and drops the least recently used first; reading an entry counts as a use. */
export class LruMap<K, V> {
  /** A Map iterates in insertion order, so re-inserting on use keeps the least recently used first. */
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  values(): MapIterator<V> {
    return this.map.values();
  }

  clear(): void {
    this.map.clear();
  }
}
