/** Renews the proof of presence before a sensitive action, with the password or an authenticator code. */
import { AppError } from '../../core/errors.ts';
import { verifyPassword } from '../../core/passwords.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { matchTotp } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { advanceTotpStep, getTotp } from '../../storage/repositories/accounts.ts';
import { clearThrottle, setReauth } from '../../storage/repositories/sessions.ts';
import type { ActiveSession } from './resolve-session.ts';
import { admitSecondFactor, failSecondFactor, mfaKey } from './second-factor.ts';
import { inTransaction } from '../transaction.ts';

export async function reauthenticate(db: Db, active: ActiveSession, input: { password?: string; code?: string }, meta: RequestMeta): Promise<void> {
  const { session, user, agency } = active;
  if (session.mfaAt === null) throw new AppError('forbidden', 'error.detail.verify_second_factor_first');
  await admitSecondFactor(db, user.id, meta.now);
  let ok = false;
  if (input.code) {
    const totp = await getTotp(db, user.id);
    const step = totp ? matchTotp(totp.secret, input.code, meta.now.getTime(), totp.lastStep) : null;
    if (step !== null) ok = await inTransaction(db, async (trx) => {
      if (!(await advanceTotpStep(trx, user.id, step))) return false;
      await setReauth(trx, session.id, meta.now.toISOString());
      await clearThrottle(trx, mfaKey(user.id));
      return true;
    });
  } else if (input.password && (await verifyPassword(user.passwordHash, input.password))) {
    await inTransaction(db, async (trx) => {
      await setReauth(trx, session.id, meta.now.toISOString());
      await clearThrottle(trx, mfaKey(user.id));
    });
    ok = true;
  }
  if (!ok) await failSecondFactor(db, session, agency.id, input.code ? 'reauth_totp' : 'reauth_password', meta);
}
