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
import { appendAudit } from '../../storage/repositories/audit.ts';
import { deleteUserSessions, setWebauthnChallenge, takeWebauthnChallenge } from '../../storage/repositories/sessions.ts';
import { assertMayChangeFactors } from './enrol-totp.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';

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
  if (active.session.mfaAt === null) throw new AppError('forbidden', 'Enrol an authenticator app first.');
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
  const challenge = await db.transaction().execute((trx) => takeWebauthnChallenge(trx, session.id));
  if (!challenge) throw new AppError('conflict', 'The passkey request has expired. Please try again.');
  const result = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!result.verified) throw new AppError('bad_request', 'The passkey could not be verified.');
  const cred = result.registrationInfo.credential;
  if (await getPasskeyByCredentialId(db, cred.id)) throw new AppError('conflict', 'This passkey is already registered.');
  await db.transaction().execute(async (trx) => {
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
    await appendAudit(trx, {
      action: 'factor.change', userId: user.id, agencyId: agency.id, objectType: 'passkey', objectId: pk.id, purpose: null,
      details: { factor: 'passkey', change: 'added', sessionsEnded: ended }, ip: meta.ip,
    });
  });
}
