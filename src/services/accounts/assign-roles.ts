/** Sets the roles of another user of the administrator's scope (roles are read on every request, so the change is immediate). */
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister, roleAllowedFor } from '../../core/permissions.ts';
import type { Principal, Role } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser, setUserRoles } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';

export async function assignRoles(db: Db, actor: Principal, userId: string, roleList: Role[], meta: RequestMeta): Promise<void> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'The user was not found.');
  assertCanAdminister(actor, user.agencyId);
  // Separation of duties: nobody grants themselves roles (nor locks themselves out by removing their own).
  if (user.id === actor.userId) throw new AppError('forbidden', 'Another administrator must change your own roles.');
  if (roleList.length === 0) throw new AppError('validation_failed', 'Choose at least one role.', [{ field: 'roles', message: 'required' }]);
  const agency = await getAgency(db, user.agencyId);
  const refused = roleList.filter((r) => !roleAllowedFor(r, agency?.isOffice ?? false));
  if (refused.length)
    throw new AppError('validation_failed', 'Some roles are reserved for the office.', refused.map((r) => ({ field: 'roles', message: r })));
  await db.transaction().execute(async (trx) => {
    await setUserRoles(trx, user.id, roleList);
    await appendAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'user.roles', before: user.roles.join(','), after: [...new Set(roleList)].sort().join(',') }, ip: meta.ip,
    });
  });
}
