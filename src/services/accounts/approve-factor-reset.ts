/**
 * Second half of a factor reset: a different administrator with authority over the user approves it; every session
 * ends, the password and every second factor are removed, and a one-time reset link (72 hours) is issued.
 */
import type { FactorReset } from '../../core/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { clearPassword, decideFactorReset, deleteFactors, getFactorReset, getUser } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { inTransaction } from '../transaction.ts';
import { issueInvite, type IssuedInvite } from './create-invite.ts';
import { freshAdministrator } from './request-factor-reset.ts';

/** The link is handed to the user by the approver through a trusted channel; only its digest is stored. */
export async function approveFactorReset(
  db: Db,
  active: ActiveSession,
  requestId: string,
  meta: RequestMeta,
): Promise<{ request: FactorReset; invite: IssuedInvite }> {
  const now = meta.now.toISOString();
  return inTransaction(db, async (trx) => {
    const actor = await freshAdministrator(trx, active, meta.now);
    const request = await getFactorReset(trx, requestId);
    const user = request && (await getUser(trx, request.userId));
    if (!request || !user) throw new AppError('not_found', 'error.detail.factor_reset_not_found');
    assertCanAdminister(actor, user.agencyId);
    // Two-person rule: neither the requester nor the user themself may approve.
    if (request.requestedBy === actor.userId) throw new AppError('forbidden', 'error.detail.factor_reset_own_request');
    if (user.id === actor.userId) throw new AppError('forbidden', 'error.detail.another_administrator_reset_own_factors');
    if (user.disabledAt) throw new AppError('conflict', 'error.detail.account_disabled');
    await deleteFactors(trx, user.id);
    await clearPassword(trx, user.id, now);
    const ended = await deleteUserSessions(trx, user.id);
    const invite = await issueInvite(trx, user.id, 'reset', actor, meta.now);
    // The conditional update lets one approval win; a decided or lapsed request rolls all of the above back.
    if (!(await decideFactorReset(trx, request.id, { status: 'approved', decidedBy: actor.userId, inviteId: invite.id }, now)))
      throw new AppError('conflict', 'error.detail.factor_reset_decided');
    await recordAudit(trx, {
      action: 'factor.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: {
        change: 'factors.reset', request: request.id, requestedBy: request.requestedBy, approvedBy: actor.userId, sessionsEnded: ended,
        expiresAt: invite.expiresAt,
      },
      ip: meta.ip,
    });
    return { request: { ...request, status: 'approved', decidedBy: actor.userId, decidedAt: now, inviteId: invite.id }, invite };
  });
}
