/** The agencies and users an administrator manages: all of them for the office, else only their own agency's. */
import type { Agency, Invite, User } from '../../core/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser, hasSecondFactor, latestInvite, listAgencies, listUsers } from '../../storage/repositories/accounts.ts';

export function listManagedAgencies(db: Db, actor: Principal): Promise<Agency[]> {
  return listAgencies(db, actor.agencyIsOffice ? undefined : actor.agencyId);
}

/** Users of one managed agency, or of every agency the administrator manages. */
export async function listManagedUsers(db: Db, actor: Principal, agencyId: string | undefined): Promise<{ agencies: Agency[]; users: User[]; filter: Agency | undefined }> {
  const agencies = await listManagedAgencies(db, actor);
  const filter = agencies.find((a) => a.id === agencyId);
  const users = await listUsers(db, filter?.id ?? (actor.agencyIsOffice ? undefined : actor.agencyId));
  return { agencies, users, filter };
}

export type ManagedUser = { user: User; agency: Agency | undefined; hasFactor: boolean; invite: Invite | undefined };

/** One user an administrator may manage; another agency's user is not found, so its existence is not revealed. */
export async function describeManagedUser(db: Db, actor: Principal, userId: string): Promise<ManagedUser> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'error.detail.user_not_found');
  try {
    assertCanAdminister(actor, user.agencyId);
  } catch {
    throw new AppError('not_found', 'error.detail.user_not_found');
  }
  const [agency, hasFactor, invite] = await Promise.all([getAgency(db, user.agencyId), hasSecondFactor(db, user.id), latestInvite(db, user.id)]);
  return { user, agency, hasFactor, invite };
}
