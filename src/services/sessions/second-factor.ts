/** Shared steps of every second-factor check: the per-account code throttle, recording a failure, completing sign-in. */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { afterFailure, lockedFor, mfaPolicy } from '../../core/throttle.ts';
import type { Db } from '../../storage/db.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import type { Database } from '../../storage/schema.ts';
import { clearThrottle, completeMfa, getThrottle, putThrottle } from '../../storage/repositories/sessions.ts';
import type { Session } from '../../core/sessions.ts';

export const mfaKey = (userId: string): string => `mfa:${userId}`;

export async function assertMfaNotThrottled(db: Db, userId: string, now: Date): Promise<void> {
  if (lockedFor(await getThrottle(db, mfaKey(userId)), now.getTime()) > 0)
    throw new AppError('rate_limited', 'Too many wrong codes. Please wait a few minutes and try again.');
}

/** Records a wrong code (throttle and audit, committed) and throws the one answer for every wrong code. */
export async function failSecondFactor(db: Db, session: Session, agencyId: string, factor: string, meta: RequestMeta): Promise<never> {
  const state = await getThrottle(db, mfaKey(session.userId));
  await db.transaction().execute(async (trx) => {
    await putThrottle(trx, mfaKey(session.userId), afterFailure(state, mfaPolicy, meta.now.getTime()));
    await appendAudit(trx, {
      action: 'signin.mfa_failure', userId: session.userId, agencyId, objectType: 'session', objectId: session.id, purpose: null,
      details: { factor }, ip: meta.ip,
    });
  });
  throw new AppError('unauthenticated', 'The code is not correct.');
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
  await appendAudit(trx, {
    action: 'signin.success', userId: session.userId, agencyId, objectType: 'session', objectId: session.id, purpose: null,
    details: { factor }, ip: meta.ip,
  });
  return token;
}
