/** Disables an agency (ending every session of its users at once) or enables it again. */
import { AppError } from '../../core/errors.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, setAgencyDisabled } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import { deleteAgencySessions } from '../../storage/repositories/sessions.ts';

export async function setAgencyStatus(db: Db, actor: Principal, agencyId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  assertCan(actor, 'agencies.manage');
  const agency = await getAgency(db, agencyId);
  if (!agency) throw new AppError('not_found', 'The agency was not found.');
  if (disabled && agency.id === actor.agencyId) throw new AppError('conflict', 'You cannot disable your own agency.');
  await db.transaction().execute(async (trx) => {
    await setAgencyDisabled(trx, agency.id, disabled ? meta.now.toISOString() : null, meta.now.toISOString());
    const ended = disabled ? await deleteAgencySessions(trx, agency.id) : 0;
    await appendAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'agency', objectId: agency.id, purpose: null,
      details: { change: disabled ? 'agency.disabled' : 'agency.enabled', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
