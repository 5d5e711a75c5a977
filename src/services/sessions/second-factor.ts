/** Shared steps of every second-factor check: the per-account code throttle, recording a failure, completing sign-in. */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { admitAttempt, mfaPolicy } from '../../core/throttle.ts';
import type { Db } from '../../storage/db.ts';
import type { Database } from '../../storage/schema.ts';
import { clearThrottle, completeMfa, lockThrottle, putThrottle } from '../../storage/repositories/sessions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Session } from '../../core/sessions.ts';
import { inTransaction } from '../transaction.ts';

export const mfaKey = (userId: string): string => `mfa:${userId}`;

/**
 * Counts the attempt as a failure before the code is checked, in one short transaction holding the counter's lock, and
 * refuses it while the account is locked: concurrent guesses are admitted one at a time, never past the policy. A
 * correct code clears the counter (completeSignIn, reauthenticate).
 */
export async function admitSecondFactor(db: Db, userId: string, now: Date): Promise<void> {
  const admitted = await inTransaction(db, async (trx) => {
    const state = await lockThrottle(trx, mfaKey(userId), now.toISOString());
    const decision = admitAttempt([{ state, policy: mfaPolicy }], now.getTime());
    if (decision.admitted) await putThrottle(trx, mfaKey(userId), decision.next[0]!);
    return decision.admitted;
  });
  if (!admitted) throw new AppError('rate_limited', 'error.detail.too_many_wrong_codes_wait');
}

/** Audits a wrong code (already counted on admission) and throws the one answer for every wrong code. */
export async function failSecondFactor(db: Db, session: Session, agencyId: string, factor: string, meta: RequestMeta): Promise<never> {
  await inTransaction(db, (trx) =>
    recordAudit(trx, {
      action: 'signin.mfa_failure', userId: session.userId, agencyId, objectType: 'session', objectId: session.id, purpose: null,
      details: { factor }, ip: meta.ip,
    }),
  );
  throw new AppError('unauthenticated', 'error.detail.code_wrong');
}

/** Marks the second factor done with a fresh token (the password-only token stops working) and audits the sign-in. */
export async function completeSignIn(
  trx: Transaction<Database>,
  session: Session,
  agencyId: string,
  factor: string,
  meta: RequestMeta,
): Promise<string> {
  const token = randomToken();
  await completeMfa(trx, session.id, sha256Hex(token), meta.now.toISOString());
  await clearThrottle(trx, mfaKey(session.userId));
  await recordAudit(trx, {
    action: 'signin.success', userId: session.userId, agencyId, objectType: 'session', objectId: session.id, purpose: null,
    details: { factor }, ip: meta.ip,
  });
  return token;
}
