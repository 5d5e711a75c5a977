/** Issues a single-use link (valid 72 hours) with which a user sets a password and enrols a second factor. */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import { INVITE_LIFETIME_MS, type RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, insertInvite } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import type { Database } from '../../storage/schema.ts';

export type IssuedInvite = { token: string; expiresAt: string };

/** Writes the invite inside the caller's transaction; only the token's digest is stored. */
export async function issueInvite(
  trx: Transaction<Database>,
  userId: string,
  kind: 'invite' | 'reset',
  actor: Principal | null,
  now: Date,
): Promise<IssuedInvite> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_MS).toISOString();
  await insertInvite(trx, { userId, tokenHash: sha256Hex(token), kind, createdBy: actor?.userId ?? null, expiresAt }, now.toISOString());
  return { token, expiresAt };
}

/** A fresh invite for a user who has not completed the previous one (the earlier link stops working). */
export async function createInvite(db: Db, actor: Principal, userId: string, meta: RequestMeta): Promise<IssuedInvite> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'The user was not found.');
  assertCanAdminister(actor, user.agencyId);
  if (user.id === actor.userId) throw new AppError('forbidden', 'Another administrator must do this for your own account.');
  if (user.disabledAt) throw new AppError('conflict', 'The account is disabled.');
  return db.transaction().execute(async (trx) => {
    const invite = await issueInvite(trx, user.id, user.passwordHash ? 'reset' : 'invite', actor, meta.now);
    await appendAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'invite.issued', expiresAt: invite.expiresAt }, ip: meta.ip,
    });
    return invite;
  });
}
