/** Session and account lifetimes, and the request facts every account use case records. */
import type { Principal, Role } from './principal.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** A password-only session (second factor pending) gets a short life of its own. */
export const SESSION_PENDING_MFA_MS = 10 * 60_000;
export const REAUTH_WINDOW_MS = 5 * 60_000;
export const INVITE_LIFETIME_MS = 72 * 3600_000;
/** A factor-reset request that no second administrator approved by then lapses. */
export const FACTOR_RESET_REQUEST_MS = 24 * 3600_000;
/** Writes of last-seen are spread out: the idle clock is accurate to this much. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Where a use case is called from: the clock (injected, so tests can move it) and the client. */
export type RequestMeta = { now: Date; ip: string | null; userAgent: string | null };

/** Why a session is no longer valid at `now`, or null while it is. */
export function sessionExpiry(
  s: { createdAt: string; lastSeenAt: string; mfaAt: string | null },
  now: number,
): 'idle' | 'absolute' | 'pending' | null {
  if (now - Date.parse(s.createdAt) >= SESSION_ABSOLUTE_MS) return 'absolute';
  if (now - Date.parse(s.lastSeenAt) >= SESSION_IDLE_MS) return 'idle';
  if (s.mfaAt === null && now - Date.parse(s.createdAt) >= SESSION_PENDING_MFA_MS) return 'pending';
  return null;
}

/** Whether a fully signed-in session proved presence (password or code) within REAUTH_WINDOW_MS of `now`. */
export function recentlyReauthenticated(s: { mfaAt: string | null; reauthAt: string }, now: number): boolean {
  return s.mfaAt !== null && now - Date.parse(s.reauthAt) <= REAUTH_WINDOW_MS;
}

export function principalOf(
  user: { id: string; email: string; name: string; roles: Role[] },
  agency: { id: string; code: string; country: string; isOffice: boolean },
  sessionId: string,
): Principal {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    agencyId: agency.id,
    agencyCode: agency.code,
    country: agency.country,
    agencyIsOffice: agency.isOffice,
    roles: user.roles,
    via: 'session',
    readOnly: false,
    sessionId,
    apiKeyId: null,
  };
}
