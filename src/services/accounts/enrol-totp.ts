/** Enrols (or replaces) the authenticator app: a pending secret bound to the session, confirmed by a first code. */
import { AppError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/secrets.ts';
import { REAUTH_WINDOW_MS, type RequestMeta } from '../../core/session-policy.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { replaceRecoveryCodes, setTotp } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions, setPendingTotp } from '../../storage/repositories/sessions.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { completeSignIn } from '../sessions/second-factor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

/** Only an invite-born session (first enrolment) or a full session with a recent re-authentication may change factors. */
export function assertMayChangeFactors(active: ActiveSession, now: Date): void {
  const { session } = active;
  if (session.mfaAt === null) {
    if (!session.enrolment) throw new AppError('forbidden', 'error.detail.verify_second_factor_first');
    return;
  }
  if (now.getTime() - Date.parse(session.reauthAt) > REAUTH_WINDOW_MS) throw new AppError('forbidden', 'error.detail.reauth_required');
}

/** Returns the secret being enrolled (the same one until confirmed, so a reload does not invalidate a scanned code). */
export async function startTotpEnrolment(db: Db, active: ActiveSession, now: Date): Promise<string> {
  assertMayChangeFactors(active, now);
  if (active.session.pendingTotpSecret) return active.session.pendingTotpSecret;
  const secret = newTotpSecret();
  await setPendingTotp(db, active.session.id, secret);
  return secret;
}

export type TotpEnrolment = { recoveryCodes: string[]; /** A new session token when enrolment completed the sign-in. */ token: string | null };

export async function confirmTotpEnrolment(db: Db, active: ActiveSession, code: string, meta: RequestMeta): Promise<TotpEnrolment> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  const secret = session.pendingTotpSecret;
  if (!secret) throw new AppError('conflict', 'error.detail.enrolment_expired_start_again');
  const step = matchTotp(secret, code, meta.now.getTime(), 0);
  if (step === null) throw new AppError('validation_failed', 'error.detail.code_wrong', {}, [{ field: 'code', message: 'The code is not correct.' }]);
  const recoveryCodes = newRecoveryCodes();
  const now = meta.now.toISOString();
  const token = await inTransaction(db, async (trx) => {
    await setTotp(trx, user.id, secret, step, now);
    await replaceRecoveryCodes(trx, user.id, recoveryCodes.map((c) => sha256Hex(normaliseRecoveryCode(c))), now);
    await setPendingTotp(trx, session.id, null);
    // A factor change ends every other session of the account.
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'user', objectId: user.id, purpose: null,
      details: { factor: 'totp', change: 'enrolled', sessionsEnded: ended }, ip: meta.ip,
    });
    return session.mfaAt === null ? completeSignIn(trx, session, agency.id, 'totp_enrolment', meta) : null;
  });
  return { recoveryCodes, token };
}
