/** Creates a user in an agency with roles: by an administrator (with an invite link) or by an operator (password and TOTP). */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { hashPassword } from '../../core/passwords.ts';

import { assertCanAdminister, roleAllowedFor } from '../../core/permissions.ts';
import { roles, type Principal } from '../../core/principal.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { newTotpSecret } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUserByEmail, insertUser, setTotp } from '../../storage/repositories/accounts.ts';
import type { User } from '../../core/accounts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { issueInvite, type IssuedInvite } from './create-invite.ts';
import { checkNewPassword } from './check-new-password.ts';

export const userInput = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(2).max(120),
  agencyId: z.string().min(1).max(40),
  roles: z.array(z.enum(roles)).min(1, 'Choose at least one role.'),
});
export type UserInput = z.infer<typeof userInput>;

export type CreatedUser = {
  user: User;
  /** For accounts created without a password: the link the invitee completes. */
  invite: IssuedInvite | null;
  /** For accounts created with a password: the TOTP secret to hand to the user (their second factor from the start). */
  totpSecret: string | null;
};

/**
 * An address is unique across all agencies (it is the sign-in name), so a taken one must be refused. Who administers
 * the existing account (the office, operators, or the same agency's administrators) is told so. Anyone else gets one
 * fixed answer that names no agency, person, role or status, and the attempt is audited for the office, so probing for
 * other agencies' staff is seen.
 */
async function refuseTakenEmail(db: Db, actor: Principal | null, existing: User, meta: RequestMeta): Promise<never> {
  if (actor === null || actor.agencyIsOffice || actor.agencyId === existing.agencyId)
    throw new AppError('conflict', 'error.detail.email_taken');
  await inTransaction(db, (trx) =>
    recordAudit(trx, {
      action: 'admin.change', userId: actor.userId, agencyId: actor.agencyId, objectType: 'user', objectId: existing.id, purpose: null,
      details: { change: 'user.create_refused', reason: 'email_taken_elsewhere' }, ip: meta.ip,
    }),
  );
  throw new AppError('conflict', 'error.detail.email_unavailable');
}

export async function createUser(
  db: Db,
  actor: Principal | null,
  input: UserInput & { password?: string; isDemo?: boolean },
  meta: RequestMeta,
  siteNames: string[],
): Promise<CreatedUser> {
  const agency = await getAgency(db, input.agencyId);
  if (actor) assertCanAdminister(actor, input.agencyId);
  if (!agency) throw new AppError('not_found', 'error.detail.agency_not_found');
  if (agency.disabledAt) throw new AppError('conflict', 'error.detail.agency_disabled');
  const refused = input.roles.filter((r) => !roleAllowedFor(r, agency.isOffice));
  if (refused.length)
    throw new AppError('validation_failed', 'error.detail.some_roles_reserved_office', {}, refused.map((r) => ({ field: 'roles', message: r })));
  const existing = await getUserByEmail(db, input.email);
  if (existing) await refuseTakenEmail(db, actor, existing, meta);
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = checkNewPassword(input.password, { email: input.email, name: input.name, siteNames });
    if (problem) throw new AppError('validation_failed', `portal.password.${problem}`, {}, [{ field: 'password', message: problem }]);
    passwordHash = await hashPassword(input.password);
  }
  const now = meta.now.toISOString();
  return inTransaction(db, async (trx) => {
    const user = await insertUser(
      trx,
      { agencyId: agency.id, email: input.email, name: input.name, passwordHash, isDemo: input.isDemo ?? false, roles: input.roles },
      now,
    );
    let totpSecret: string | null = null;
    let invite: IssuedInvite | null = null;
    if (passwordHash) {
      totpSecret = newTotpSecret();
      await setTotp(trx, user.id, totpSecret, 0, now);
    } else {
      invite = await issueInvite(trx, user.id, 'invite', actor, meta.now);
    }
    await recordAudit(trx, {
      action: 'admin.change', userId: actor?.userId ?? null, agencyId: actor?.agencyId ?? agency.id, objectType: 'user', objectId: user.id,
      purpose: null, details: { change: 'user.created', agency: agency.code, roles: user.roles.join(','), by: actor ? 'portal' : 'operator' },
      ip: meta.ip,
    });
    return { user, invite, totpSecret };
  });
}
