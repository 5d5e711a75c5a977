/** Renews the proof of presence before a sensitive action, with the password or an authenticator code. */
import { AppError } from '../../core/errors.ts';
import { verifyPassword } from '../../core/passwords.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { matchTotp } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { advanceTotpStep, getTotp } from '../../storage/repositories/accounts.ts';
import { setReauth } from '../../storage/repositories/sessions.ts';
import type { ActiveSession } from './resolve-session.ts';
import { assertMfaNotThrottled, failSecondFactor } from './second-factor.ts';

export async function reauthenticate(db: Db, active: ActiveSession, input: { password?: string; code?: string }, meta: RequestMeta): Promise<void> {
  const { session, user, agency } = active;
  if (session.mfaAt === null) throw new AppError('forbidden', 'Verify your second factor first.');
  await assertMfaNotThrottled(db, user.id, meta.now);
  let ok = false;
  if (input.code) {
    const totp = await getTotp(db, user.id);
    const step = totp ? matchTotp(totp.secret, input.code, meta.now.getTime(), totp.lastStep) : null;
    if (step !== null) ok = await db.transaction().execute(async (trx) => {
      if (!(await advanceTotpStep(trx, user.id, step))) return false;
      await setReauth(trx, session.id, meta.now.toISOString());
      return true;
    });
  } else if (input.password && (await verifyPassword(user.passwordHash, input.password))) {
    await db.transaction().execute((trx) => setReauth(trx, session.id, meta.now.toISOString()));
    ok = true;
  }
  if (!ok) await failSecondFactor(db, session, agency.id, input.code ? 'reauth_totp' : 'reauth_password', meta);
}
