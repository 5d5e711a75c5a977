import { describe, expect, it } from 'vitest';
import { accountPolicy, addressPolicy, admitAttempt, afterFailure, lockedFor, withoutFailure, type ThrottleState } from './throttle.ts';

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

  it('admits an attempt already charged one failure, and refuses it uncharged while any key is locked', () => {
    let s: ThrottleState | undefined;
    const admitted: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const d = admitAttempt([{ state: s, policy: accountPolicy }, { state: undefined, policy: addressPolicy }], t0);
      admitted.push(d.admitted);
      if (d.admitted) s = d.next[0];
    }
    expect(admitted).toEqual([true, true, true, true, true, true, false, false]);
    expect(s?.failures).toBe(6);
    expect(admitAttempt([{ state: s, policy: accountPolicy }], t0 + 30_000).admitted).toBe(true);
  });

  it('takes back a charged failure, unlocking when the rest no longer earn the lock', () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 30; i++) s = afterFailure(s, addressPolicy, t0);
    expect(lockedFor(s, t0)).toBeGreaterThan(0);
    const back = withoutFailure(s!, addressPolicy);
    expect(back.failures).toBe(29);
    expect(lockedFor(back, t0)).toBe(0);
    expect(withoutFailure({ ...s!, failures: 0 }, addressPolicy).failures).toBe(0);
  });
});
