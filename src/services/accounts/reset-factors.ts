/** Resets another user's second factors (lost phone): removes them, ends every session, and issues an enrolment link. */
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { deleteFactors, getUser } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { issueInvite, type IssuedInvite } from './create-invite.ts';

/**
 * The password alone never lets anyone enrol a new factor: only the returned link (handed over by the administrator
 * through a trusted channel) does, and it sets a new password too.
 */
export async function resetFactors(db: Db, actor: Principal, userId: string, meta: RequestMeta): Promise<IssuedInvite> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'The user was not found.');
  assertCanAdminister(actor, user.agencyId);
  if (user.id === actor.userId) throw new AppError('forbidden', 'Another administrator must reset your own factors.');
  return db.transaction().execute(async (trx) => {
    await deleteFactors(trx, user.id);
    const ended = await deleteUserSessions(trx, user.id);
    const invite = await issueInvite(trx, user.id, 'reset', actor, meta.now);
    await appendAudit(trx, {
      action: 'factor.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'factors.reset', sessionsEnded: ended, expiresAt: invite.expiresAt }, ip: meta.ip,
    });
    return invite;
  });
}
