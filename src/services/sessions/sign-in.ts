/** First sign-in step: email and password, throttled per account and per address, answering alike for unknown accounts. */
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { verifyPassword } from '../../core/passwords.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { accountPolicy, addressPolicy, afterFailure, lockedFor } from '../../core/throttle.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUserByEmail, hasSecondFactor } from '../../storage/repositories/accounts.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import { clearThrottle, getThrottle, insertSession, putThrottle } from '../../storage/repositories/sessions.ts';

export type SignInResult = { token: string; sessionId: string; userId: string };

export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string | null): string => `address:${ip ?? 'unknown'}`;

/** Throws `rate_limited` while the account or the address is locked; the caller shows one message for both. */
export async function assertNotThrottled(db: Db, keys: string[], now: number): Promise<void> {
  for (const key of keys) {
    if (lockedFor(await getThrottle(db, key), now) > 0)
      throw new AppError('rate_limited', 'Too many failed attempts. Please wait a few minutes and try again.');
  }
}

export async function signIn(db: Db, input: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
  const now = meta.now.getTime();
  const email = input.email.trim().toLowerCase();
  const keys = { account: accountKey(email), address: addressKey(meta.ip) };
  try {
    await assertNotThrottled(db, [keys.account, keys.address], now);
  } catch (err) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        action: 'signin.failure', userId: null, agencyId: null, objectType: 'session', objectId: null, purpose: null,
        details: { reason: 'throttled' }, ip: meta.ip,
      }),
    );
    throw err;
  }

  const user = await getUserByEmail(db, email);
  // Always one argon2 verification, against a decoy when the account is unknown: same answer, similar time.
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  const agency = user && (await getAgency(db, user.agencyId));
  const active = passwordOk && user && agency && user.disabledAt === null && agency.disabledAt === null;

  if (!active) {
    const [acc, addr] = [await getThrottle(db, keys.account), await getThrottle(db, keys.address)];
    await db.transaction().execute(async (trx) => {
      await putThrottle(trx, keys.account, afterFailure(acc, accountPolicy, now));
      await putThrottle(trx, keys.address, afterFailure(addr, addressPolicy, now));
      await appendAudit(trx, {
        action: 'signin.failure', userId: user?.id ?? null, agencyId: user?.agencyId ?? null, objectType: 'session', objectId: null,
        purpose: null, details: { reason: passwordOk ? 'disabled' : 'bad_credentials' }, ip: meta.ip,
      });
    });
    throw new AppError('unauthenticated', 'The email address or the password is not correct.');
  }

  if (!(await hasSecondFactor(db, user.id))) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        action: 'signin.failure', userId: user.id, agencyId: user.agencyId, objectType: 'session', objectId: null, purpose: null,
        details: { reason: 'no_second_factor' }, ip: meta.ip,
      }),
    );
    throw new AppError('forbidden', 'This account has no second factor. Ask an administrator for an enrolment link.');
  }

  const token = randomToken();
  const sessionId = newId(now);
  await db.transaction().execute(async (trx) => {
    await clearThrottle(trx, keys.account);
    await insertSession(
      trx,
      { id: sessionId, tokenHash: sha256Hex(token), userId: user.id, enrolment: false, mfaAt: null, userAgent: meta.userAgent, ip: meta.ip },
      meta.now.toISOString(),
    );
  });
  return { token, sessionId, userId: user.id };
}
