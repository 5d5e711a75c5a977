/**
 * Disables a user (ending every session and revoking every API key at once) or enables them again, within the
 * administrator's scope. Re-enabling restores neither: the user signs in again and creates new keys.
 */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, getUserByEmail, setUserDisabled } from '../../storage/repositories/accounts.ts';
import type { User } from '../../core/accounts.ts';
import { revokeUserApiKeys } from '../../storage/repositories/api-keys.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import type { Database } from '../../storage/schema.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';

async function apply(trx: Transaction<Database>, actor: Principal | null, user: User, disabled: boolean, meta: RequestMeta): Promise<void> {
  await setUserDisabled(trx, user.id, disabled ? meta.now.toISOString() : null, meta.now.toISOString());
  const ended = disabled ? await deleteUserSessions(trx, user.id) : 0;
  const keysRevoked = disabled ? await revokeUserApiKeys(trx, user.id, meta.now.toISOString()) : 0;
  await recordAudit(trx, {
    action: 'admin.change', userId: actor?.userId ?? null, agencyId: actor?.agencyId ?? user.agencyId, objectType: 'user', objectId: user.id,
    purpose: null,
    details: { change: disabled ? 'user.disabled' : 'user.enabled', sessionsEnded: ended, apiKeysRevoked: keysRevoked, by: actor ? 'portal' : 'operator' },
    ip: meta.ip,
  });
}

export async function setUserStatus(db: Db, actor: Principal, userId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'error.detail.user_not_found');
  assertCanAdminister(actor, user.agencyId);
  if (user.id === actor.userId) throw new AppError('conflict', 'error.detail.cannot_change_own_status');
  await inTransaction(db, (trx) => apply(trx, actor, user, disabled, meta));
}

/** Operators' path (command line): by email, with the server's own authority. */
export async function disableUserByEmail(db: Db, email: string, meta: RequestMeta): Promise<User> {
  const user = await getUserByEmail(db, email);
  if (!user) throw new AppError('not_found', 'error.detail.no_user_with_email', { email });
  await inTransaction(db, (trx) => apply(trx, null, user, true, meta));
  return user;
}
