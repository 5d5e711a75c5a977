/** Pure sign-in throttling rules: capped exponential back-off per account, a fixed window per address. */

export type ThrottleState = { failures: number; windowStart: string; lastFailureAt: string; lockedUntil: string | null };

export type ThrottlePolicy =
  /** After `free` failures, each further failure locks for base × 2^n, never more than `maxMs`; forgotten after `resetAfterMs` quiet. */
  | { kind: 'backoff'; free: number; baseMs: number; maxMs: number; resetAfterMs: number }
  /** At most `limit` failures per window of `windowMs`; reaching it locks until the window ends. */
  | { kind: 'window'; limit: number; windowMs: number };

/** Per account (known or not, so lockouts reveal nothing): 5 free tries, then 30 s, 1 min, 2 min … capped at 15 min. */
export const accountPolicy: ThrottlePolicy = { kind: 'backoff', free: 5, baseMs: 30_000, maxMs: 15 * 60_000, resetAfterMs: 24 * 3600_000 };
/** Per client address: 30 failures per 15 minutes, across all accounts (password guessing from one place). */
export const addressPolicy: ThrottlePolicy = { kind: 'window', limit: 30, windowMs: 15 * 60_000 };
/** Per account for second-factor codes: a 6-digit code must not be guessable by brute force. */
export const mfaPolicy: ThrottlePolicy = { kind: 'backoff', free: 5, baseMs: 30_000, maxMs: 15 * 60_000, resetAfterMs: 24 * 3600_000 };

/** Milliseconds the key stays locked at `now` (0 when free to try). */
export function lockedFor(state: ThrottleState | undefined, now: number): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now);
}

/**
 * The state after one more failure. Failures made while locked are refused before they get here and never extend the
 * lock, so an attacker who knows a user's email can hold them out for at most `maxMs` at a time.
 */
export function afterFailure(state: ThrottleState | undefined, policy: ThrottlePolicy, now: number): ThrottleState {
  const at = new Date(now).toISOString();
  if (policy.kind === 'window') {
    const fresh = !state || now - Date.parse(state.windowStart) >= policy.windowMs;
    const windowStart = fresh ? at : state.windowStart;
    const failures = (fresh ? 0 : state.failures) + 1;
    const lockedUntil = failures >= policy.limit ? new Date(Date.parse(windowStart) + policy.windowMs).toISOString() : null;
    return { failures, windowStart, lastFailureAt: at, lockedUntil };
  }
  const stale = !state || now - Date.parse(state.lastFailureAt) >= policy.resetAfterMs;
  const failures = (stale ? 0 : state.failures) + 1;
  const over = failures - policy.free;
  const lockMs = over > 0 ? Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 20)) : 0;
  return {
    failures,
    windowStart: stale ? at : state.windowStart,
    lastFailureAt: at,
    lockedUntil: lockMs > 0 ? new Date(now + lockMs).toISOString() : null,
  };
}

/**
 * Takes back one failure counted ahead of a check that then succeeded (attempts are counted before the slow password
 * check, so concurrent guesses cannot all pass the lock); the lock stays only if the remaining failures still earn it.
 */
export function withoutFailure(state: ThrottleState, policy: ThrottlePolicy): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  const stillLocked = policy.kind === 'window' ? failures >= policy.limit : failures > policy.free;
  return { ...state, failures, lockedUntil: stillLocked ? state.lockedUntil : null };
}

/**
 * The decision for one attempt, given the current counters of every key it is throttled by: refused while any key is
 * locked (and then nothing is counted, so a locked key is never extended), else admitted with each key already charged
 * one failure, which a success takes back.
 */
export function admitAttempt(
  current: readonly { state: ThrottleState | undefined; policy: ThrottlePolicy }[],
  now: number,
): { admitted: false } | { admitted: true; next: ThrottleState[] } {
  if (current.some((c) => lockedFor(c.state, now) > 0)) return { admitted: false };
  return { admitted: true, next: current.map((c) => afterFailure(c.state, c.policy, now)) };
}
