/** Issues a single-use link (valid 72 hours) with which a user sets a password and enrols a second factor. */
import type { Transaction } from 'kysely';
import { neverActivated } from '../../core/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import { INVITE_LIFETIME_MS, type RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, insertInvite } from '../../storage/repositories/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import type { Database } from '../../storage/schema.ts';

/** The link's secret (shown once, never stored) and its expiry; `id` names the stored invite row. */
export type IssuedInvite = { id: string; token: string; expiresAt: string };

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
  const row = await insertInvite(trx, { userId, tokenHash: sha256Hex(token), kind, createdBy: actor?.userId ?? null, expiresAt }, now.toISOString());
  return { id: row.id, token, expiresAt };
}

/**
 * A fresh invite for a user who never activated the account (the earlier link stops working). An activated account
 * (one that ever had a password) never gets an invite: giving it new credentials is a factor reset, which needs a second
 * administrator (request-factor-reset.ts, approve-factor-reset.ts).
 */
export async function createInvite(db: Db, actor: Principal, userId: string, meta: RequestMeta): Promise<IssuedInvite> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError('not_found', 'error.detail.user_not_found');
  assertCanAdminister(actor, user.agencyId);
  if (user.id === actor.userId) throw new AppError('forbidden', 'error.detail.another_administrator_do_own_account');
  if (user.disabledAt) throw new AppError('conflict', 'error.detail.account_disabled');
  if (!neverActivated(user)) throw new AppError('conflict', 'error.detail.invite_account_active');
  return inTransaction(db, async (trx) => {
    // Checked again under the transaction: the account may have been activated since it was read.
    const fresh = await getUser(trx, user.id);
    if (!fresh || !neverActivated(fresh)) throw new AppError('conflict', 'error.detail.invite_account_active');
    const invite = await issueInvite(trx, user.id, 'invite', actor, meta.now);
    await recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { change: 'invite.issued', expiresAt: invite.expiresAt }, ip: meta.ip,
    });
    return invite;
  });
}
