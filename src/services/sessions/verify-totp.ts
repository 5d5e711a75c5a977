/** Second sign-in step with an authenticator code, each code accepted once only. */
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { matchTotp } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { advanceTotpStep, getTotp } from '../../storage/repositories/accounts.ts';
import type { ActiveSession } from './resolve-session.ts';
import { admitSecondFactor, completeSignIn, failSecondFactor } from './second-factor.ts';
import { inTransaction } from '../transaction.ts';

/** Returns the new session token. */
export async function verifyTotp(db: Db, active: ActiveSession, code: string, meta: RequestMeta): Promise<string> {
  const { session, agency } = active;
  if (session.mfaAt !== null) throw new AppError('conflict', 'error.detail.already_signed');
  await admitSecondFactor(db, session.userId, meta.now);
  const totp = await getTotp(db, session.userId);
  const step = totp ? matchTotp(totp.secret, code, meta.now.getTime(), totp.lastStep) : null;
  if (step !== null) {
    const token = await inTransaction(db, async (trx) => {
      // The conditional update makes two concurrent requests with one code race to a single winner.
      if (!(await advanceTotpStep(trx, session.userId, step))) return null;
      return completeSignIn(trx, session, agency.id, 'totp', meta);
    });
    if (token) return token;
  }
  return failSecondFactor(db, session, agency.id, 'totp', meta);
}
