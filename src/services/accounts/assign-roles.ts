/** Sets the roles of another user of the administrator's scope (roles are read on every request, so the change is immediate). */
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister, roleAllowedFor } from '../../core/permissions.ts';
import type { Principal, Role } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser, setUserRoles } from '../../storage/repositories/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export async function assignRoles(db: Db, actor: Principal, userId: string, roleList: Role[], meta: RequestMeta): Promise<void> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'error.detail.user_not_found');
  assertCanAdminister(actor, user.agencyId);
  // Separation of duties: nobody grants themselves roles (nor locks themselves out by removing their own).
  if (user.id === actor.userId) throw new AppError('forbidden', 'error.detail.another_administrator_change_own_roles');
  if (roleList.length === 0) throw new AppError('validation_failed', 'error.detail.choose_least_one_role', {}, [{ field: 'roles', message: 'required' }]);
  const agency = await getAgency(db, user.agencyId);
  const refused = roleList.filter((r) => !roleAllowedFor(r, agency?.isOffice ?? false));
  if (refused.length)
    throw new AppError('validation_failed', 'error.detail.some_roles_reserved_office', {}, refused.map((r) => ({ field: 'roles', message: r })));
  await inTransaction(db, async (trx) => {
    await setUserRoles(trx, user.id, roleList);
    await recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'user.roles', before: user.roles.join(','), after: [...new Set(roleList)].sort().join(',') }, ip: meta.ip,
    });
  });
}
