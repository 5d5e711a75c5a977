/** Removes one of the account's own passkeys, keeping at least one second factor. */
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { deletePasskey, getTotp, listPasskeys } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';

export async function removePasskey(db: Db, active: ActiveSession, passkeyId: string, meta: RequestMeta): Promise<void> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  const keys = await listPasskeys(db, user.id);
  if (!keys.some((k) => k.id === passkeyId)) throw new AppError('not_found', 'The passkey was not found.');
  if (keys.length === 1 && !(await getTotp(db, user.id))) throw new AppError('conflict', 'You cannot remove your only second factor.');
  await db.transaction().execute(async (trx) => {
    await deletePasskey(trx, user.id, passkeyId);
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await appendAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'passkey', objectId: passkeyId, purpose: null,
      details: { factor: 'passkey', change: 'removed', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
