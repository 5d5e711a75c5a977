/** Use case: the users and agencies an auditor may see named in the trail, for its filters and to put names on its ids. */
import { auditReadScope } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies, listUsers } from '../../storage/repositories/accounts.ts';

export type AuditDirectory = {
  users: { id: string; name: string; email: string; agencyId: string }[];
  agencies: { id: string; code: string; name: string }[];
};

/**
 * The same scope as the trail itself: the office's auditors get every agency and user, any other auditor only their own
 * agency's, so an id of another agency stays an id and its holder's name is never revealed.
 */
export async function listAuditDirectory(db: Db, reader: Principal): Promise<AuditDirectory> {
  const scope = auditReadScope(reader);
  const only = scope.scope === 'all' ? undefined : scope.agencyId;
  const [users, agencies] = await Promise.all([listUsers(db, only), listAgencies(db, only)]);
  return {
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, agencyId: u.agencyId })),
    agencies: agencies.map((a) => ({ id: a.id, code: a.code, name: a.name })),
  };
}
