/** Helpers for service-level account tests on a bare store: agencies, users and signed-in sessions made by the real code. */
import { newId } from '../src/core/ids.ts';
import type { Role } from '../src/core/principal.ts';
import { randomToken, sha256Hex } from '../src/core/secrets.ts';
import type { RequestMeta } from '../src/core/session-policy.ts';
import { createAgency } from '../src/services/accounts/create-agency.ts';
import { createUser } from '../src/services/accounts/create-user.ts';
import { resolveSession, type ActiveSession } from '../src/services/sessions/resolve-session.ts';
import type { Db } from '../src/storage/db.ts';
import { insertSession } from '../src/storage/repositories/sessions.ts';

export const meta = (now: Date, ip: string | null = '192.0.2.10'): RequestMeta => ({ now, ip, userAgent: 'test' });

let seq = 0;

export async function agency(db: Db, now: Date, isOffice = false): Promise<string> {
  const code = `T-${++seq}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  return (await createAgency(db, null, { code, name: `Agency ${code}`, country: 'DE', isOffice, isDemo: false }, meta(now))).id;
}

export type Made = { id: string; email: string; password: string; totpSecret: string; agencyId: string };

/** An activated user (password and TOTP set, as operators create them). */
export async function activeUser(db: Db, agencyId: string, roles: Role[], now: Date): Promise<Made> {
  const n = ++seq;
  const email = `u${n}-${Math.random().toString(36).slice(2, 8)}@agency.test`;
  const password = `violet tractor humming lagoon ${n}`;
  const created = await createUser(db, null, { email, name: `Tester Number${n}`, agencyId, roles, password }, meta(now), []);
  return { id: created.user.id, email, password, totpSecret: created.totpSecret!, agencyId };
}

/** A fully signed-in session (second factor done, presence proven at `now`), resolved by the real resolver. */
export async function signedIn(db: Db, userId: string, now: Date): Promise<{ active: ActiveSession; token: string }> {
  const token = randomToken();
  const at = now.toISOString();
  await db.transaction().execute((trx) =>
    insertSession(trx, { id: newId(now.getTime()), tokenHash: sha256Hex(token), userId, enrolment: false, mfaAt: at, userAgent: 'test', ip: null }, at),
  );
  const active = await resolveSession(db, token, now);
  if (!active?.principal) throw new Error('session did not resolve');
  return { active, token };
}
