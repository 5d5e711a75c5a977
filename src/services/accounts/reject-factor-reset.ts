/** Turns down (or, for its requester, withdraws) a pending factor reset; nothing about the account changes. */
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { decideFactorReset, getFactorReset, getUser } from '../../storage/repositories/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { inTransaction } from '../transaction.ts';
import { freshAdministrator } from './request-factor-reset.ts';

export async function rejectFactorReset(db: Db, active: ActiveSession, requestId: string, meta: RequestMeta): Promise<void> {
  const now = meta.now.toISOString();
  await inTransaction(db, async (trx) => {
    const actor = await freshAdministrator(trx, active, meta.now);
    const request = await getFactorReset(trx, requestId);
    const user = request && (await getUser(trx, request.userId));
    if (!request || !user) throw new AppError('not_found', 'error.detail.factor_reset_not_found');
    assertCanAdminister(actor, user.agencyId);
    if (!(await decideFactorReset(trx, request.id, { status: 'rejected', decidedBy: actor.userId, inviteId: null }, now)))
      throw new AppError('conflict', 'error.detail.factor_reset_decided');
    await recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: request.requestedBy === actor.userId ? 'factor_reset.withdrawn' : 'factor_reset.rejected', request: request.id },
      ip: meta.ip,
    });
  });
}
