import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.ts';

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
