/** Completes an invite or reset link: the user sets a password and gets a session that may only enrol a second factor. */
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { hashPassword } from '../../core/passwords.ts';

import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import {
  approvedResetForInvite, getAgency, getInviteByTokenHash, getUser, markInviteUsed, setFirstPasswordHash, setPasswordHash,
} from '../../storage/repositories/accounts.ts';
import { neverActivated, type Invite, type User } from '../../core/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { deleteUserSessions, insertSession } from '../../storage/repositories/sessions.ts';
import { checkNewPassword } from './check-new-password.ts';

/**
 * The invite and its user while the link is usable; one answer ("not valid") for unknown, used, expired or disabled, for
 * an invite whose account has been activated since, and for a reset link that no approved factor reset issued.
 */
export async function findUsableInvite(db: Db, token: string, now: Date): Promise<{ invite: Invite; user: User }> {
  const invalid = new AppError('not_found', 'error.detail.link_expired');
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw invalid;
  const invite = await getInviteByTokenHash(db, sha256Hex(token));
  if (!invite || invite.usedAt || Date.parse(invite.expiresAt) <= now.getTime()) throw invalid;
  const user = await getUser(db, invite.userId);
  const agency = user && (await getAgency(db, user.agencyId));
  if (!user || !agency || user.disabledAt || agency.disabledAt) throw invalid;
  if (invite.kind === 'invite' && !neverActivated(user)) throw invalid;
  if (invite.kind === 'reset' && !(await approvedResetForInvite(db, invite.id))) throw invalid;
  return { invite, user };
}

export async function acceptInvite(
  db: Db,
  input: { token: string; password: string },
  meta: RequestMeta,
  siteNames: string[],
): Promise<{ token: string; userId: string }> {
  const { invite, user } = await findUsableInvite(db, input.token, meta.now);
  const problem = checkNewPassword(input.password, { email: user.email, name: user.name, siteNames });
  if (problem) throw new AppError('validation_failed', `portal.password.${problem}`, {}, [{ field: 'password', message: problem }]);
  const hash = await hashPassword(input.password);
  const token = randomToken();
  const now = meta.now.toISOString();
  await inTransaction(db, async (trx) => {
    if (!(await markInviteUsed(trx, invite.id, now))) throw new AppError('not_found', 'error.detail.link_already_been_used');
    // An invite sets the first password only: if the account was activated meanwhile, the link is refused.
    if (invite.kind === 'invite' && !(await setFirstPasswordHash(trx, user.id, hash, now)))
      throw new AppError('not_found', 'error.detail.link_expired');
    if (invite.kind === 'reset') await setPasswordHash(trx, user.id, hash, now);
    await deleteUserSessions(trx, user.id);
    const sessionId = newId(meta.now.getTime());
    await insertSession(
      trx,
      { id: sessionId, tokenHash: sha256Hex(token), userId: user.id, enrolment: true, mfaAt: null, userAgent: meta.userAgent, ip: meta.ip },
      now,
    );
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: user.agencyId, objectType: 'user', objectId: user.id, purpose: null,
      details: { factor: 'password', change: invite.kind === 'reset' ? 'reset_link_used' : 'invite_accepted' }, ip: meta.ip,
    });
  });
  return { token, userId: user.id };
}
