/**
 * Disables an agency (ending every session and revoking every API key of its users at once) or enables it again;
 * re-enabling restores neither, just as for a single user.
 */
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, setAgencyDisabled } from '../../storage/repositories/accounts.ts';
import { revokeAgencyApiKeys } from '../../storage/repositories/api-keys.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { deleteAgencySessions } from '../../storage/repositories/sessions.ts';

export async function setAgencyStatus(db: Db, actor: Principal, agencyId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  assertCan(actor, 'agencies.manage');
  const agency = await getAgency(db, agencyId);
  if (!agency) throw new AppError('not_found', 'error.detail.agency_not_found');
  if (disabled && agency.id === actor.agencyId) throw new AppError('conflict', 'error.detail.cannot_disable_own_agency');
  await inTransaction(db, async (trx) => {
    await setAgencyDisabled(trx, agency.id, disabled ? meta.now.toISOString() : null, meta.now.toISOString());
    const ended = disabled ? await deleteAgencySessions(trx, agency.id) : 0;
    const keysRevoked = disabled ? await revokeAgencyApiKeys(trx, agency.id, meta.now.toISOString()) : 0;
    await recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'agency', objectId: agency.id, purpose: null,
      details: { change: disabled ? 'agency.disabled' : 'agency.enabled', sessionsEnded: ended, apiKeysRevoked: keysRevoked }, ip: meta.ip,
    });
  });
}
