/** Reads and writes agencies, users, roles, second factors and invites, on either dialect. */
import type { Selectable, Transaction } from 'kysely';
import { newId } from '../../core/ids.ts';
import { roles as knownRoles, type Role } from '../../core/principal.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { AgenciesTable, FactorResetsTable, InvitesTable, PasskeysTable, UsersTable } from '../schema-accounts.ts';
import type { Agency, FactorReset, User, Passkey, Invite } from '../../core/accounts.ts';

type Executor = Db | Transaction<Database>;

const toAgency = (r: Selectable<AgenciesTable>): Agency => ({
  id: r.id,
  code: r.code,
  name: r.name,
  country: r.country,
  isOffice: r.is_office === 1,
  isDemo: r.is_demo === 1,
  disabledAt: r.disabled_at,
  createdAt: r.created_at,
});

const toUser = (r: Selectable<UsersTable>, roleList: Role[]): User => ({
  id: r.id,
  agencyId: r.agency_id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at,
  activatedAt: r.activated_at,
  isDemo: r.is_demo === 1,
  disabledAt: r.disabled_at,
  createdAt: r.created_at,
  roles: roleList,
});

const toPasskey = (r: Selectable<PasskeysTable>): Passkey => ({
  id: r.id,
  userId: r.user_id,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: JSON.parse(r.transports) as string[],
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

const toInvite = (r: Selectable<InvitesTable>): Invite => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

const isRole = (r: string): r is Role => (knownRoles as readonly string[]).includes(r);

// ---- Agencies ----

export async function insertAgency(
  trx: Transaction<Database>,
  input: { code: string; name: string; country: string; isOffice: boolean; isDemo: boolean },
  now: string,
): Promise<Agency> {
  const row = {
    id: newId(Date.parse(now)),
    code: input.code,
    name: input.name,
    country: input.country,
    is_office: input.isOffice ? 1 : 0,
    is_demo: input.isDemo ? 1 : 0,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('agencies').values(row).execute();
  return toAgency(row);
}

export async function getAgency(db: Executor, id: string): Promise<Agency | undefined> {
  const r = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAgency(r);
}

export async function getAgencyByCode(db: Executor, code: string): Promise<Agency | undefined> {
  const r = await db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
  return r && toAgency(r);
}

/** Agencies by country then name; restricted to one agency when `onlyId` is given. */
export async function listAgencies(db: Executor, onlyId?: string): Promise<Agency[]> {
  let q = db.selectFrom('agencies').selectAll().orderBy('country').orderBy('name');
  if (onlyId) q = q.where('id', '=', onlyId);
  return (await q.execute()).map(toAgency);
}

export async function setAgencyDisabled(trx: Transaction<Database>, id: string, disabledAt: string | null, now: string): Promise<void> {
  await trx.updateTable('agencies').set({ disabled_at: disabledAt, updated_at: now }).where('id', '=', id).execute();
}

// ---- Users and roles ----

async function rolesOf(db: Executor, userIds: string[]): Promise<Map<string, Role[]>> {
  const byUser = new Map<string, Role[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) if (isRole(r.role)) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
  return byUser;
}

export async function insertUser(
  trx: Transaction<Database>,
  input: { agencyId: string; email: string; name: string; passwordHash: string | null; isDemo: boolean; roles: Role[] },
  now: string,
): Promise<User> {
  const row = {
    id: newId(Date.parse(now)),
    agency_id: input.agencyId,
    email: input.email.toLowerCase(),
    name: input.name,
    password_hash: input.passwordHash,
    password_changed_at: input.passwordHash ? now : null,
    activated_at: input.passwordHash ? now : null,
    is_demo: input.isDemo ? 1 : 0,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('users').values(row).execute();
  await setUserRoles(trx, row.id, input.roles);
  return toUser(row, [...new Set(input.roles)].sort());
}

export async function getUser(db: Executor, id: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toUser(r, (await rolesOf(db, [r.id])).get(r.id) ?? []);
}

export async function getUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const r = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return r && toUser(r, (await rolesOf(db, [r.id])).get(r.id) ?? []);
}

/** Users by name; restricted to one agency when given. */
export async function listUsers(db: Executor, agencyId?: string): Promise<User[]> {
  let q = db.selectFrom('users').selectAll().orderBy('name').orderBy('email');
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  const rows = await q.execute();
  const roleMap = await rolesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toUser(r, roleMap.get(r.id) ?? []));
}

export async function setUserRoles(trx: Transaction<Database>, userId: string, roleList: Role[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  const unique = [...new Set(roleList)];
  if (unique.length) await trx.insertInto('user_roles').values(unique.map((role) => ({ user_id: userId, role }))).execute();
}

export async function setUserDisabled(trx: Transaction<Database>, id: string, disabledAt: string | null, now: string): Promise<void> {
  await trx.updateTable('users').set({ disabled_at: disabledAt, updated_at: now }).where('id', '=', id).execute();
}

/** Sets the password; the first password set activates the account for good. */
export async function setPasswordHash(trx: Transaction<Database>, id: string, hash: string, now: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ password_hash: hash, password_changed_at: now, updated_at: now, activated_at: eb.fn.coalesce('activated_at', eb.val(now)) }))
    .where('id', '=', id)
    .execute();
}

/**
 * Sets the password only while the account was never activated; false when it has been (e.g. by another link or an
 * operator in the meantime), so an invite can never take over an account that is in use.
 */
export async function setFirstPasswordHash(trx: Transaction<Database>, id: string, hash: string, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: now, updated_at: now, activated_at: now })
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .where('password_hash', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes the password (factor reset): the account stays activated, so only a reset link can set a new one. */
export async function clearPassword(trx: Transaction<Database>, id: string, now: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: null, password_changed_at: now, updated_at: now }).where('id', '=', id).execute();
}

// ---- Second factors ----

export async function getTotp(db: Executor, userId: string): Promise<{ secret: string; lastStep: number } | undefined> {
  const r = await db.selectFrom('user_totp').select(['secret', 'last_step']).where('user_id', '=', userId).executeTakeFirst();
  return r && { secret: r.secret, lastStep: Number(r.last_step) };
}

/** Sets (or replaces) the TOTP secret; `lastStep` is the step of the code that confirmed it, so it cannot be replayed. */
export async function setTotp(trx: Transaction<Database>, userId: string, secret: string, lastStep: number, now: string): Promise<void> {
  await trx.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await trx.insertInto('user_totp').values({ user_id: userId, secret, last_step: lastStep, created_at: now }).execute();
}

/** Records an accepted time-step; false when that step (or a later one) was already used, e.g. by a concurrent replay. */
export async function advanceTotpStep(trx: Transaction<Database>, userId: string, step: number): Promise<boolean> {
  const r = await trx.updateTable('user_totp').set({ last_step: step }).where('user_id', '=', userId).where('last_step', '<', step).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(trx: Transaction<Database>, userId: string, hashes: string[], now: string): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length)
    await trx
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ id: newId(Date.parse(now)), user_id: userId, code_hash, used_at: null, created_at: now })))
      .execute();
}

/** Spends one recovery code; false when it does not exist or was already used. */
export async function useRecoveryCode(trx: Transaction<Database>, userId: string, hash: string, now: string): Promise<boolean> {
  const r = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Recovery codes the user holds in all, used or not (0: none were ever made, or they were replaced by none). */
export async function countRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const r = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return toCount(r.n);
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toCount(r.n);
}

export async function listPasskeys(db: Executor, userId: string): Promise<Passkey[]> {
  return (await db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(toPasskey);
}

export async function getPasskeyByCredentialId(db: Executor, credentialId: string): Promise<Passkey | undefined> {
  const r = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return r && toPasskey(r);
}

export async function insertPasskey(
  trx: Transaction<Database>,
  input: { userId: string; credentialId: string; publicKey: string; counter: number; transports: string[]; name: string },
  now: string,
): Promise<Passkey> {
  const row = {
    id: newId(Date.parse(now)),
    user_id: input.userId,
    credential_id: input.credentialId,
    public_key: input.publicKey,
    counter: input.counter,
    transports: JSON.stringify(input.transports),
    name: input.name,
    created_at: now,
    last_used_at: null,
  };
  await trx.insertInto('passkeys').values(row).execute();
  return toPasskey(row);
}

export async function recordPasskeyUse(trx: Transaction<Database>, id: string, counter: number, now: string): Promise<void> {
  await trx.updateTable('passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
}

/** Deletes one of the user's passkeys; the user id in the condition keeps it to their own. */
export async function deletePasskey(trx: Transaction<Database>, userId: string, id: string): Promise<boolean> {
  const r = await trx.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Removes every second factor of a user (TOTP, recovery codes, passkeys). */
export async function deleteFactors(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('passkeys').where('user_id', '=', userId).execute();
}

export async function hasSecondFactor(db: Executor, userId: string): Promise<boolean> {
  const totp = await db.selectFrom('user_totp').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  if (totp) return true;
  const pk = await db.selectFrom('passkeys').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst();
  return pk !== undefined;
}

// ---- Invites ----

export async function insertInvite(
  trx: Transaction<Database>,
  input: { userId: string; tokenHash: string; kind: 'invite' | 'reset'; createdBy: string | null; expiresAt: string },
  now: string,
): Promise<Invite> {
  // One live link per user: a new one replaces any earlier, unused link.
  await trx.deleteFrom('invites').where('user_id', '=', input.userId).where('used_at', 'is', null).execute();
  const row = {
    id: newId(Date.parse(now)),
    token_hash: input.tokenHash,
    user_id: input.userId,
    created_by: input.createdBy,
    kind: input.kind,
    created_at: now,
    expires_at: input.expiresAt,
    used_at: null,
  };
  await trx.insertInto('invites').values(row).execute();
  return toInvite(row);
}

export async function getInviteByTokenHash(db: Executor, tokenHash: string): Promise<Invite | undefined> {
  const r = await db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toInvite(r);
}

/** Spends an invite once; false when it was already used. */
export async function markInviteUsed(trx: Transaction<Database>, id: string, now: string): Promise<boolean> {
  const r = await trx.updateTable('invites').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function latestInvite(db: Executor, userId: string): Promise<Invite | undefined> {
  const r = await db.selectFrom('invites').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return r && toInvite(r);
}

// ---- Factor resets (two-person rule) ----

const toFactorReset = (r: Selectable<FactorResetsTable>): FactorReset => ({
  id: r.id,
  userId: r.user_id,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  reason: r.reason,
  expiresAt: r.expires_at,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  inviteId: r.invite_id,
});

/** Marks pending requests past their expiry as rejected (by nobody), so they stop holding the one-pending slot. */
export async function lapseFactorResets(trx: Transaction<Database>, now: string): Promise<void> {
  await trx.updateTable('factor_resets').set({ status: 'rejected', decided_at: now }).where('status', '=', 'pending').where('expires_at', '<=', now).execute();
}

export async function insertFactorReset(
  trx: Transaction<Database>,
  input: { userId: string; requestedBy: string; reason: string; expiresAt: string },
  now: string,
): Promise<FactorReset> {
  const row = {
    id: newId(Date.parse(now)),
    user_id: input.userId,
    requested_by: input.requestedBy,
    requested_at: now,
    reason: input.reason,
    expires_at: input.expiresAt,
    status: 'pending' as const,
    decided_by: null,
    decided_at: null,
    invite_id: null,
  };
  await trx.insertInto('factor_resets').values(row).execute();
  return toFactorReset(row);
}

export async function getFactorReset(db: Executor, id: string): Promise<FactorReset | undefined> {
  const r = await db.selectFrom('factor_resets').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toFactorReset(r);
}

export async function pendingFactorResetOf(db: Executor, userId: string, now: string): Promise<FactorReset | undefined> {
  const r = await db
    .selectFrom('factor_resets')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return r && toFactorReset(r);
}

/** Open requests, oldest first; restricted to the users of one agency when given. */
export async function listPendingFactorResets(db: Executor, now: string, agencyId?: string): Promise<FactorReset[]> {
  let q = db
    .selectFrom('factor_resets')
    .innerJoin('users', 'users.id', 'factor_resets.user_id')
    .selectAll('factor_resets')
    .where('factor_resets.status', '=', 'pending')
    .where('factor_resets.expires_at', '>', now)
    .orderBy('factor_resets.requested_at');
  if (agencyId) q = q.where('users.agency_id', '=', agencyId);
  return (await q.execute()).map(toFactorReset);
}

/**
 * Decides a pending, unexpired request exactly once (the conditional update makes concurrent approvals race to a single
 * winner); false when it was already decided or has lapsed.
 */
export async function decideFactorReset(
  trx: Transaction<Database>,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; inviteId: string | null },
  now: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('factor_resets')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: now, invite_id: decision.inviteId })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The approved factor reset that issued this reset link, if any (a reset link without one is never honoured). */
export async function approvedResetForInvite(db: Executor, inviteId: string): Promise<FactorReset | undefined> {
  const r = await db
    .selectFrom('factor_resets')
    .selectAll()
    .where('invite_id', '=', inviteId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return r && toFactorReset(r);
}
