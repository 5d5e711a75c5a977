/** Second sign-in step with one of the account's passkeys (WebAuthn assertion against a session-bound challenge). */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { listPasskeys, recordPasskeyUse } from '../../storage/repositories/accounts.ts';
import { setWebauthnChallenge, takeWebauthnChallenge } from '../../storage/repositories/sessions.ts';
import type { RelyingParty } from '../accounts/register-passkey.ts';
import type { ActiveSession } from './resolve-session.ts';
import { admitSecondFactor, completeSignIn, failSecondFactor } from './second-factor.ts';
import { inTransaction } from '../transaction.ts';

export async function beginPasskeySignIn(db: Db, active: ActiveSession, rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
  if (active.session.mfaAt !== null) throw new AppError('conflict', 'error.detail.already_signed');
  const keys = await listPasskeys(db, active.user.id);
  if (keys.length === 0) throw new AppError('not_found', 'error.detail.no_passkey');
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports })),
    userVerification: 'preferred',
  });
  await setWebauthnChallenge(db, active.session.id, options.challenge);
  return options;
}

/** Returns the new session token. */
export async function finishPasskeySignIn(
  db: Db,
  active: ActiveSession,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
  meta: RequestMeta,
): Promise<string> {
  const { session, agency } = active;
  if (session.mfaAt !== null) throw new AppError('conflict', 'error.detail.already_signed');
  await admitSecondFactor(db, session.userId, meta.now);
  const challenge = await inTransaction(db, (trx) => takeWebauthnChallenge(trx, session.id));
  // Only the account's own passkeys count: a credential of another user never signs this session in.
  const key = (await listPasskeys(db, session.userId)).find((k) => k.credentialId === response.id);
  if (challenge && key) {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: key.credentialId, publicKey: Buffer.from(key.publicKey, 'base64url'), counter: key.counter, transports: key.transports },
      requireUserVerification: false,
    }).catch(() => null);
    if (result?.verified) {
      return inTransaction(db, async (trx) => {
        await recordPasskeyUse(trx, key.id, result.authenticationInfo.newCounter, meta.now.toISOString());
        return completeSignIn(trx, session, agency.id, 'passkey', meta);
      });
    }
  }
  return failSecondFactor(db, session, agency.id, 'passkey', meta);
}
