/** First half of a factor reset of an activated account: one administrator, freshly re-authenticated, asks for it. */
import type { Transaction } from 'kysely';
import type { FactorReset } from '../../core/accounts.ts';
import { neverActivated } from '../../core/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { FACTOR_RESET_REQUEST_MS, recentlyReauthenticated, type RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, insertFactorReset, lapseFactorResets, pendingFactorResetOf } from '../../storage/repositories/accounts.ts';
import { getSession } from '../../storage/repositories/sessions.ts';
import type { Database } from '../../storage/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { inTransaction } from '../transaction.ts';

const REASON_MAX = 300;

/**
 * The acting administrator, read back from the stored session inside the transaction: a portal session (never an API
 * key) with the second factor done and a proof of presence within REAUTH_WINDOW_MS. Checked here, not by the route, so
 * no caller can skip it.
 */
export async function freshAdministrator(trx: Transaction<Database>, active: ActiveSession, now: Date): Promise<Principal> {
  const principal = active.principal;
  if (!principal || principal.via !== 'session') throw new AppError('forbidden', 'error.detail.no_permission');
  const stored = await getSession(trx, active.session.id);
  if (!stored || stored.userId !== principal.userId || !recentlyReauthenticated(stored, now.getTime()))
    throw new AppError('forbidden', 'error.detail.reauth_required');
  return principal;
}

function checkReason(raw: string): string {
  const reason = raw.trim();
  if (reason.length < 3 || reason.length > REASON_MAX || /[\p{Cc}\p{Cf}\u2028\u2029]/u.test(reason))
    throw new AppError('validation_failed', 'error.detail.factor_reset_reason', { max: REASON_MAX }, [{ field: 'reason', message: 'error.detail.factor_reset_reason' }]);
  return reason;
}

export async function requestFactorReset(
  db: Db,
  active: ActiveSession,
  input: { userId: string; reason: string },
  meta: RequestMeta,
): Promise<FactorReset> {
  const reason = checkReason(input.reason);
  const now = meta.now.toISOString();
  return inTransaction(db, async (trx) => {
    const actor = await freshAdministrator(trx, active, meta.now);
    const user = await getUser(trx, input.userId);
    if (!user) throw new AppError('not_found', 'error.detail.user_not_found');
    assertCanAdminister(actor, user.agencyId);
    if (user.id === actor.userId) throw new AppError('forbidden', 'error.detail.another_administrator_reset_own_factors');
    if (user.disabledAt) throw new AppError('conflict', 'error.detail.account_disabled');
    // A never-activated account has nothing to take over: a fresh invite is the way.
    if (neverActivated(user)) throw new AppError('conflict', 'error.detail.factor_reset_not_activated');
    await lapseFactorResets(trx, now);
    if (await pendingFactorResetOf(trx, user.id, now)) throw new AppError('conflict', 'error.detail.factor_reset_pending');
    const request = await insertFactorReset(
      trx,
      { userId: user.id, requestedBy: actor.userId, reason, expiresAt: new Date(meta.now.getTime() + FACTOR_RESET_REQUEST_MS).toISOString() },
      now,
    );
    await recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'factor_reset.requested', request: request.id, expiresAt: request.expiresAt }, ip: meta.ip,
    });
    return request;
  });
}
