/** Changes one's own password (current password required), ending every other session. */
import { AppError } from '../../core/errors.ts';
import { hashPassword, verifyPassword } from '../../core/passwords.ts';

import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { setPasswordHash } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { checkNewPassword } from './check-new-password.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function changePassword(
  db: Db,
  active: ActiveSession,
  input: { current: string; next: string },
  meta: RequestMeta,
  siteNames: string[],
): Promise<void> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  if (!(await verifyPassword(user.passwordHash, input.current)))
    throw new AppError('validation_failed', 'error.detail.current_password_wrong', {}, [{ field: 'current', message: 'The current password is not correct.' }]);
  const problem = checkNewPassword(input.next, { email: user.email, name: user.name, siteNames });
  if (problem) throw new AppError('validation_failed', `portal.password.${problem}`, {}, [{ field: 'password', message: problem }]);
  const hash = await hashPassword(input.next);
  const now = meta.now.toISOString();
  await inTransaction(db, async (trx) => {
    await setPasswordHash(trx, user.id, hash, now);
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'user', objectId: user.id, purpose: null,
      details: { factor: 'password', change: 'changed', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
