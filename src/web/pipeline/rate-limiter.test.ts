import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst, then limits, then refills over time', () => {
    const rl = new RateLimiter({ name: 't', ratePerSecond: 1, burst: 3 });
    expect([rl.take('a', 0), rl.take('a', 0), rl.take('a', 0)]).toEqual([0, 0, 0]);
    expect(rl.take('a', 0)).toBeGreaterThan(0);
    expect(rl.take('b', 0)).toBe(0);
    expect(rl.take('a', 1500)).toBe(0);
  });
});
