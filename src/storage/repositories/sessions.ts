/** Reads and writes portal sessions (by token hash only) and the shared sign-in throttling counters, on either dialect. */
import type { Selectable, Transaction } from 'kysely';
import type { ThrottleState } from '../../core/throttle.ts';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { SessionsTable } from '../schema-accounts.ts';
import type { Session } from '../../core/sessions.ts';

type Executor = Db | Transaction<Database>;

const toSession = (r: Selectable<SessionsTable>): Session => ({
  id: r.id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  mfaAt: r.mfa_at,
  reauthAt: r.reauth_at,
  enrolment: r.enrolment === 1,
  pendingTotpSecret: r.pending_totp_secret,
  webauthnChallenge: r.webauthn_challenge,
  userAgent: r.user_agent,
  ip: r.ip,
});

export async function insertSession(
  trx: Transaction<Database>,
  input: { id: string; tokenHash: string; userId: string; enrolment: boolean; mfaAt: string | null; userAgent: string | null; ip: string | null },
  now: string,
): Promise<Session> {
  const row = {
    id: input.id,
    token_hash: input.tokenHash,
    user_id: input.userId,
    created_at: now,
    last_seen_at: now,
    mfa_at: input.mfaAt,
    reauth_at: now,
    enrolment: input.enrolment ? 1 : 0,
    pending_totp_secret: null,
    webauthn_challenge: null,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
    ip: input.ip,
  };
  await trx.insertInto('sessions').values(row).execute();
  return toSession(row);
}

export async function getSessionByTokenHash(db: Executor, tokenHash: string): Promise<Session | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toSession(r);
}

export async function getSession(db: Executor, id: string): Promise<Session | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSession(r);
}

export async function listUserSessions(db: Executor, userId: string): Promise<Session[]> {
  return (await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute()).map(toSession);
}

export async function touchSession(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Completes the second factor and swaps the token (no session fixation across the privilege change). */
export async function completeMfa(trx: Transaction<Database>, id: string, newTokenHash: string, now: string): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ token_hash: newTokenHash, mfa_at: now, reauth_at: now, last_seen_at: now, webauthn_challenge: null, enrolment: 0 })
    .where('id', '=', id)
    .execute();
}

export async function setReauth(trx: Transaction<Database>, id: string, now: string): Promise<void> {
  await trx.updateTable('sessions').set({ reauth_at: now }).where('id', '=', id).execute();
}

export async function setPendingTotp(db: Executor, id: string, secret: string | null): Promise<void> {
  await db.updateTable('sessions').set({ pending_totp_secret: secret }).where('id', '=', id).execute();
}

export async function setWebauthnChallenge(db: Executor, id: string, challenge: string | null): Promise<void> {
  await db.updateTable('sessions').set({ webauthn_challenge: challenge }).where('id', '=', id).execute();
}

/** Takes the outstanding challenge once: a challenge never verifies two responses. */
export async function takeWebauthnChallenge(trx: Transaction<Database>, id: string): Promise<string | null> {
  const r = await trx.selectFrom('sessions').select('webauthn_challenge').where('id', '=', id).executeTakeFirst();
  await trx.updateTable('sessions').set({ webauthn_challenge: null }).where('id', '=', id).execute();
  return r?.webauthn_challenge ?? null;
}

export async function deleteSession(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (optionally but one); returns how many ended. */
export async function deleteUserSessions(trx: Transaction<Database>, userId: string, exceptId?: string): Promise<number> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of every user of an agency. */
export async function deleteAgencySessions(trx: Transaction<Database>, agencyId: string): Promise<number> {
  const r = await trx
    .deleteFrom('sessions')
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('agency_id', '=', agencyId))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Drops sessions past their idle or absolute limit, and password-only sessions past their short life when `pendingBefore`
 * is given (housekeeping; the check on each request does not depend on it).
 */
export async function deleteExpiredSessions(db: Executor, idleBefore: string, createdBefore: string, pendingBefore?: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', idleBefore),
        eb('created_at', '<', createdBefore),
        ...(pendingBefore ? [eb.and([eb('mfa_at', 'is', null), eb('created_at', '<', pendingBefore)])] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- Sign-in throttling (in the database, so every instance sees the same counters) ----

export async function getThrottle(db: Executor, key: string): Promise<ThrottleState | undefined> {
  const r = await db.selectFrom('signin_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return r && { failures: Number(r.failures), windowStart: r.window_start, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until };
}

export async function putThrottle(trx: Transaction<Database>, key: string, s: ThrottleState): Promise<void> {
  const values = { failures: s.failures, window_start: s.windowStart, last_failure_at: s.lastFailureAt, locked_until: s.lockedUntil };
  await trx
    .insertInto('signin_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

/**
 * Reads a counter for update inside the caller's transaction: the row is created if missing (so there is always a row to
 * lock), then a no-op UPDATE … RETURNING takes its row lock on PostgreSQL (a concurrent attempt waits and then reads the
 * committed count) and the writer lock on SQLite. Lock keys in a fixed order (sorted) to rule out deadlocks.
 */
export async function lockThrottle(trx: Transaction<Database>, key: string, now: string): Promise<ThrottleState> {
  await trx
    .insertInto('signin_throttle')
    .values({ key, failures: 0, window_start: now, last_failure_at: now, locked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const r = await trx
    .updateTable('signin_throttle')
    .set((eb) => ({ failures: eb.ref('failures') }))
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { failures: Number(r.failures), windowStart: r.window_start, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until };
}

export async function clearThrottle(trx: Transaction<Database>, key: string): Promise<void> {
  await trx.deleteFrom('signin_throttle').where('key', '=', key).execute();
}
