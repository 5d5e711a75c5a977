import { describe, expect, it } from 'vitest';
import { accountPolicy, addressPolicy, afterFailure, lockedFor, type ThrottleState } from './throttle.ts';

const t0 = Date.parse('2026-05-01T10:00:00Z');

describe('sign-in throttling rules', () => {
  it('backs off exponentially after five failures and caps at 15 minutes', () => {
    let s: ThrottleState | undefined;
    const locks: number[] = [];
    for (let i = 0; i < 12; i++) {
      s = afterFailure(s, accountPolicy, t0);
      locks.push(lockedFor(s, t0) / 1000);
    }
    expect(locks).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('frees the account once the lock has passed and forgets failures after a quiet day', () => {
    let s = afterFailure(undefined, accountPolicy, t0);
    for (let i = 0; i < 5; i++) s = afterFailure(s, accountPolicy, t0);
    expect(lockedFor(s, t0 + 29_000)).toBeGreaterThan(0);
    expect(lockedFor(s, t0 + 30_000)).toBe(0);
    expect(afterFailure(s, accountPolicy, t0 + 25 * 3600_000).failures).toBe(1);
  });

  it('limits an address to 30 failures per 15-minute window', () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 29; i++) s = afterFailure(s, addressPolicy, t0 + i * 1000);
    expect(lockedFor(s, t0 + 29_000)).toBe(0);
    s = afterFailure(s, addressPolicy, t0 + 29_000);
    expect(lockedFor(s, t0 + 29_000)).toBe(15 * 60_000 - 29_000);
    expect(afterFailure(s, addressPolicy, t0 + 15 * 60_000).failures).toBe(1);
  });
});
