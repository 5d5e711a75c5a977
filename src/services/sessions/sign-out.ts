/** Ends this session, or every session of the account ("sign out everywhere"). */
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { deleteSession, deleteUserSessions } from '../../storage/repositories/sessions.ts';
import type { ActiveSession } from './resolve-session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function signOut(db: Db, active: ActiveSession, everywhere: boolean, meta: RequestMeta): Promise<void> {
  const { session, user, agency } = active;
  await inTransaction(db, async (trx) => {
    const others = everywhere ? await deleteUserSessions(trx, user.id, session.id) : 0;
    await deleteSession(trx, session.id);
    await recordAudit(trx, {
      action: 'signout', userId: user.id, agencyId: agency.id, objectType: 'session', objectId: session.id, purpose: null,
      details: { everywhere, sessionsEnded: others + 1 }, ip: meta.ip,
    });
  });
}
