/** Disables a user (ending every session at once) or enables them again, within the administrator's scope. */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, getUserByEmail, setUserDisabled } from '../../storage/repositories/accounts.ts';
import type { User } from '../../core/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import type { Database } from '../../storage/schema.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';

async function apply(trx: Transaction<Database>, actor: Principal | null, user: User, disabled: boolean, meta: RequestMeta): Promise<void> {
  await setUserDisabled(trx, user.id, disabled ? meta.now.toISOString() : null, meta.now.toISOString());
  const ended = disabled ? await deleteUserSessions(trx, user.id) : 0;
  await appendAudit(trx, {
    action: 'admin.change', userId: actor?.userId ?? null, agencyId: actor?.agencyId ?? user.agencyId, objectType: 'user', objectId: user.id,
    purpose: null, details: { change: disabled ? 'user.disabled' : 'user.enabled', sessionsEnded: ended, by: actor ? 'portal' : 'operator' },
    ip: meta.ip,
  });
}

export async function setUserStatus(db: Db, actor: Principal, userId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'The user was not found.');
  assertCanAdminister(actor, user.agencyId);
  if (user.id === actor.userId) throw new AppError('conflict', 'You cannot change the status of your own account.');
  await db.transaction().execute((trx) => apply(trx, actor, user, disabled, meta));
}

/** Operators' path (command line): by email, with the server's own authority. */
export async function disableUserByEmail(db: Db, email: string, meta: RequestMeta): Promise<User> {
  const user = await getUserByEmail(db, email);
  if (!user) throw new AppError('not_found', `No user with the email address ${email}.`);
  await db.transaction().execute((trx) => apply(trx, null, user, true, meta));
  return user;
}
