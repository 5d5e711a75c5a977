/** Registers a passkey (WebAuthn credential) as a second factor: options with a session-bound challenge, then verification. */
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getPasskeyByCredentialId, insertPasskey, listPasskeys } from '../../storage/repositories/accounts.ts';
import { deleteUserSessions, setWebauthnChallenge, takeWebauthnChallenge } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

/** The WebAuthn relying party: this site's host name and origin, from the configured public URL. */
export type RelyingParty = { id: string; origin: string; name: string };

export function relyingParty(publicUrl: string, name: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name };
}

export async function beginPasskeyRegistration(
  db: Db,
  active: ActiveSession,
  rp: RelyingParty,
  now: Date,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  assertMayChangeFactors(active, now);
  if (active.session.mfaAt === null) throw new AppError('forbidden', 'error.detail.enrol_authenticator_app_first');
  const existing = await listPasskeys(db, active.user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: active.user.email,
    userDisplayName: active.user.name,
    userID: new TextEncoder().encode(active.user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await setWebauthnChallenge(db, active.session.id, options.challenge);
  return options;
}

export async function finishPasskeyRegistration(
  db: Db,
  active: ActiveSession,
  input: { response: RegistrationResponseJSON; name: string },
  rp: RelyingParty,
  meta: RequestMeta,
): Promise<void> {
  assertMayChangeFactors(active, meta.now);
  const { session, user, agency } = active;
  const challenge = await inTransaction(db, (trx) => takeWebauthnChallenge(trx, session.id));
  if (!challenge) throw new AppError('conflict', 'error.detail.passkey_request_expired_try_again');
  const result = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!result.verified) throw new AppError('bad_request', 'error.detail.passkey_not_verified');
  const cred = result.registrationInfo.credential;
  if (await getPasskeyByCredentialId(db, cred.id)) throw new AppError('conflict', 'error.detail.passkey_already_registered');
  await inTransaction(db, async (trx) => {
    const pk = await insertPasskey(
      trx,
      {
        userId: user.id,
        credentialId: cred.id,
        publicKey: Buffer.from(cred.publicKey).toString('base64url'),
        counter: cred.counter,
        transports: cred.transports ?? [],
        name: input.name.trim().slice(0, 60) || 'Passkey',
      },
      meta.now.toISOString(),
    );
    const ended = await deleteUserSessions(trx, user.id, session.id);
    await recordAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'passkey', objectId: pk.id, purpose: null,
      details: { factor: 'passkey', change: 'added', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
