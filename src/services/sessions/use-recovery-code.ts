/** Second sign-in step with a single-use recovery code, for when the authenticator is lost. */
import { AppError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/secrets.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import { normaliseRecoveryCode } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { useRecoveryCode as spendCode } from '../../storage/repositories/accounts.ts';
import type { ActiveSession } from './resolve-session.ts';
import { admitSecondFactor, completeSignIn, failSecondFactor } from './second-factor.ts';
import { inTransaction } from '../transaction.ts';

/** Returns the new session token. */
export async function signInWithRecoveryCode(db: Db, active: ActiveSession, code: string, meta: RequestMeta): Promise<string> {
  const { session, agency } = active;
  if (session.mfaAt !== null) throw new AppError('conflict', 'error.detail.already_signed');
  await admitSecondFactor(db, session.userId, meta.now);
  const hash = sha256Hex(normaliseRecoveryCode(code));
  const token = await inTransaction(db, async (trx) => {
    if (!(await spendCode(trx, session.userId, hash, meta.now.toISOString()))) return null;
    return completeSignIn(trx, session, agency.id, 'recovery_code', meta);
  });
  return token ?? failSecondFactor(db, session, agency.id, 'recovery_code', meta);
}
