/** Removes one of the account's own passkeys, keeping at least one second factor. */
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { deletePasskey, getTotp, listPasskeys } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function removePasskey(db: Db, active: ActiveSession, passkeyId: string, meta: RequestMeta): Promise<void> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  const keys = await listPasskeys(db, user.id);
  if (!keys.some((k) => k.id === passkeyId)) throw new AppError('not_found', 'error.detail.passkey_not_found');
  if (keys.length === 1 && !(await getTotp(db, user.id))) throw new AppError('conflict', 'error.detail.cannot_remove_only_factor');
  await inTransaction(db, async (trx) => {
    await deletePasskey(trx, user.id, passkeyId);
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'passkey', objectId: passkeyId, purpose: null,
      details: { factor: 'passkey', change: 'removed', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
