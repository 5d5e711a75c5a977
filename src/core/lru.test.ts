import { describe, expect, it } from 'vitest';
import { KeptValues, LruMap } from './lru.ts';

describe('LruMap', () => {
  it('drops the least recently used entry once full, a read counting as a use', () => {
    const m = new LruMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([1, undefined, 3]);
    m.set('a', 4);
    m.set('d', 5);
    expect([...m.values()]).toEqual([4, 5]);
    expect(m.size).toBe(2);
  });
});

describe('LruMap at scale', () => {
  it('never drops an entry read since it entered the older half, whatever the order of reads and writes', () => {
    const max = 100;
    const m = new LruMap<number, number>(max);
    // A plain list, least recently used first, moved on every read: the exact rule the map approximates.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const lastUse = new Map<number, number>();
    let time = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = random(300);
      time++;
      if (random(3) === 0) {
        m.set(key, key);
        lastUse.set(key, time);
      } else if (m.get(key) !== undefined) lastUse.set(key, time);
      else lastUse.delete(key);
      // The entries used within the last max / 2 steps are always kept (looked at without reading them).
      const kept = new Set(m.values());
      for (const [k, t] of lastUse) if (time - t < max / 2) expect(kept.has(k), `key ${k} used at ${t}, now ${time}`).toBe(true);
      expect(m.size).toBeLessThanOrEqual(max);
      expect(kept.size).toBe(m.size);
    }
  });
});

describe('KeptValues', () => {
  it('makes a value once per key and source, and again for another source', () => {
    const kept = new KeptValues<string>(2);
    const a = {};
    const b = {};
    let made = 0;
    const make = (v: string) => () => `${v}${++made}`;
    expect(kept.get('k', a, make('x'))).toBe('x1');
    expect(kept.get('k', a, make('x'))).toBe('x1');
    expect(kept.get('k', b, make('y'))).toBe('y2');
    expect(kept.get('k', a, make('z'))).toBe('z3');
    kept.get('l', a, make('l'));
    kept.get('m', a, make('m'));
    expect(kept.get('k', a, make('k')), 'the least recently used key was dropped').toBe('k6');
  });
});
