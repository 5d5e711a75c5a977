/** Reads what the account page shows of one's own account: identity, second factors, passkeys and signed-in sessions. */
import type { Role } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { countRecoveryCodes, countUnusedRecoveryCodes, getTotp, listPasskeys } from '../../storage/repositories/accounts.ts';
import { listUserSessions } from '../../storage/repositories/sessions.ts';
import type { ActiveSession } from '../sessions/resolve-session.ts';

type AccountPasskey = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

type AccountSession = {
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The session this request comes from, so the holder can tell it from the others. */
  current: boolean;
};

export type AccountView = {
  name: string;
  email: string;
  agency: { name: string; code: string; country: string };
  roles: Role[];
  hasTotp: boolean;
  unusedRecoveryCodes: number;
  /** Codes made in all: 0 means none were ever made (demo accounts, an operator's reset), not that all were used. */
  recoveryCodesMade: number;
  passkeys: AccountPasskey[];
  /** Most recently active first, including sessions still waiting for their second factor. */
  sessions: AccountSession[];
};

export async function describeAccount(db: Db, active: ActiveSession): Promise<AccountView> {
  const { user, agency, session } = active;
  const [totp, unusedRecoveryCodes, recoveryCodesMade, passkeys, sessions] = await Promise.all([
    getTotp(db, user.id),
    countUnusedRecoveryCodes(db, user.id),
    countRecoveryCodes(db, user.id),
    listPasskeys(db, user.id),
    listUserSessions(db, user.id),
  ]);
  return {
    name: user.name,
    email: user.email,
    agency: { name: agency.name, code: agency.code, country: agency.country },
    roles: user.roles,
    // Only whether a secret exists leaves this use case, never the secret itself.
    hasTotp: totp !== undefined,
    unusedRecoveryCodes,
    recoveryCodesMade,
    passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
    sessions: sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent, current: s.id === session.id })),
  };
}
