/** Use case: revoke an API key; it stops working on the next request, on every instance. */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import { can } from '../../core/permissions.ts';
import type { Db } from '../../storage/db.ts';
import { getUser } from '../../storage/repositories/accounts.ts';
import { getApiKey, revokeApiKeyRow } from '../../storage/repositories/api-keys.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function revokeApiKey(db: Db, actor: Principal, keyId: string, meta: { ip: string | null }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const key = await getApiKey(trx, keyId);
    const owner = key ? await getUser(trx, key.userId) : undefined;
    // Own keys, or (admins) keys of their own agency's users; anything else reads as absent.
    const allowed = key && owner && (key.userId === actor.userId || (can(actor, 'users.manage') && owner.agencyId === actor.agencyId));
    if (!key || !owner || !allowed) throw new AppError('not_found', 'error.detail.api_key_unknown');
    if (!(await revokeApiKeyRow(trx, keyId, nowIso()))) return;
    await recordAudit(trx, {
      action: 'apikey.change',
      userId: actor.userId,
      agencyId: actor.agencyId,
      objectType: 'api_key',
      objectId: keyId,
      purpose: null,
      details: { change: 'revoked', owner: key.userId },
      ip: meta.ip,
    });
  });
}
