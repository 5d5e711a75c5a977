/** First sign-in step: email and password, throttled per account and per address, answering alike for unknown accounts. */
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { verifyPassword } from '../../core/passwords.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { accountPolicy, addressPolicy, admitAttempt, withoutFailure, type ThrottlePolicy } from '../../core/throttle.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUserByEmail, hasSecondFactor } from '../../storage/repositories/accounts.ts';
import type { Database } from '../../storage/schema.ts';
import { clearThrottle, insertSession, lockThrottle, putThrottle } from '../../storage/repositories/sessions.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export type SignInResult = { token: string; sessionId: string; userId: string };

export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string | null): string => `address:${ip ?? 'unknown'}`;

type Throttled = { key: string; policy: ThrottlePolicy };

/**
 * Counts the attempt as a failure and decides, in one short transaction, whether it may go on to the password check.
 * The counters are locked (row locks on PostgreSQL, the single writer on SQLite) in sorted key order, so concurrent
 * attempts are admitted one after the other and never more than the policies allow.
 */
async function admit(db: Db, keys: Throttled[], meta: RequestMeta): Promise<boolean> {
  const at = meta.now.toISOString();
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  return inTransaction(db, async (trx) => {
    const current = [];
    for (const k of sorted) current.push({ ...k, state: await lockThrottle(trx, k.key, at) });
    const decision = admitAttempt(current, meta.now.getTime());
    if (!decision.admitted) {
      await recordAudit(trx, {
        action: 'signin.failure', userId: null, agencyId: null, objectType: 'session', objectId: null, purpose: null,
        details: { reason: 'throttled' }, ip: meta.ip,
      });
      return false;
    }
    for (const [i, k] of sorted.entries()) await putThrottle(trx, k.key, decision.next[i]!);
    return true;
  });
}

async function auditFailure(
  trx: Transaction<Database>,
  user: { id: string; agencyId: string } | undefined,
  reason: 'bad_credentials' | 'disabled' | 'no_second_factor',
  meta: RequestMeta,
): Promise<void> {
  await recordAudit(trx, {
    action: 'signin.failure', userId: user?.id ?? null, agencyId: user?.agencyId ?? null, objectType: 'session', objectId: null,
    purpose: null, details: { reason }, ip: meta.ip,
  });
}

/**
 * Runs its own short transactions around the password check, so `db` must be the database itself, never a request's
 * transaction: the failure counted before the check must stay committed when the attempt is then refused.
 */
export async function signIn(db: Db, input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  if (db.isTransaction) throw new AppError('internal', 'error.detail.sign_in_in_transaction');
  const email = input.email.trim().toLowerCase();
  const account: Throttled = { key: accountKey(email), policy: accountPolicy };
  const address: Throttled = { key: addressKey(meta.ip), policy: addressPolicy };
  if (!(await admit(db, [account, address], meta)))
    throw new AppError('rate_limited', 'error.detail.too_many_failed_attempts_wait');

  const user = await getUserByEmail(db, email);
  // Always one argon2 verification, against a decoy when the account is unknown: same answer, similar time.
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  const agency = user && (await getAgency(db, user.agencyId));
  const active = passwordOk && user && agency && user.disabledAt === null && agency.disabledAt === null;

  // A failure stays counted as it was charged on admission; only the audit entry is left to write.
  if (!active) {
    await inTransaction(db, (trx) => auditFailure(trx, user, passwordOk ? 'disabled' : 'bad_credentials', meta));
    throw new AppError('unauthenticated', 'error.detail.credentials_wrong');
  }
  if (!(await hasSecondFactor(db, user.id))) {
    await inTransaction(db, (trx) => auditFailure(trx, user, 'no_second_factor', meta));
    throw new AppError('forbidden', 'error.detail.no_second_factor');
  }

  const token = randomToken();
  const sessionId = newId(meta.now.getTime());
  await inTransaction(db, async (trx) => {
    await clearThrottle(trx, account.key);
    // The address was charged a failure on admission: a correct password takes it back.
    const addr = await lockThrottle(trx, address.key, meta.now.toISOString());
    await putThrottle(trx, address.key, withoutFailure(addr, address.policy));
    await insertSession(
      trx,
      { id: sessionId, tokenHash: sha256Hex(token), userId: user.id, enrolment: false, mfaAt: null, userAgent: meta.userAgent, ip: meta.ip },
      meta.now.toISOString(),
    );
  });
  return { token, sessionId, userId: user.id };
}
