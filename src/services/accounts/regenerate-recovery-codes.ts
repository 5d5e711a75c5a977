/** Replaces the account's recovery codes with ten fresh ones, shown once. */
import { sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { newRecoveryCodes, normaliseRecoveryCode } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { replaceRecoveryCodes } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function regenerateRecoveryCodes(db: Db, active: ActiveSession, meta: RequestMeta): Promise<string[]> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  const codes = newRecoveryCodes();
  await inTransaction(db, async (trx) => {
    await replaceRecoveryCodes(trx, user.id, codes.map((c) => sha256Hex(normaliseRecoveryCode(c))), meta.now.toISOString());
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'user', objectId: user.id, purpose: null,
      details: { factor: 'recovery_codes', change: 'regenerated', sessionsEnded: ended }, ip: meta.ip,
    });
  });
  return codes;
}
