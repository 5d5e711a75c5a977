/** Turns a session cookie token into the live session, its user and agency, or nothing when it is no longer valid. */
import { principalOf, sessionExpiry, TOUCH_INTERVAL_MS } from '../../core/session-policy.ts';
import type { Principal } from '../../core/principal.ts';
import { sha256Hex } from '../../core/secrets.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser } from '../../storage/repositories/accounts.ts';
import type { Agency, User } from '../../core/accounts.ts';
import { getSessionByTokenHash, touchSession } from '../../storage/repositories/sessions.ts';
import type { Session } from '../../core/sessions.ts';

export type ActiveSession = {
  session: Session;
  user: User;
  agency: Agency;
  /** Set only once the second factor is verified: before that the session reaches nothing but the second-factor pages. */
  principal: Principal | undefined;
};

export async function resolveSession(db: Db, token: string, now: Date): Promise<ActiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const session = await getSessionByTokenHash(db, sha256Hex(token));
  if (!session) return null;
  const at = now.getTime();
  if (sessionExpiry(session, at) !== null) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    return null;
  }
  const user = await getUser(db, session.userId);
  const agency = user && (await getAgency(db, user.agencyId));
  // Disabling a user or agency ends sessions at once; these checks hold even if a session row were left behind.
  if (!user || !agency || user.disabledAt !== null || agency.disabledAt !== null) return null;
  if (at - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const seen = now.toISOString();
    await touchSession(db, session.id, seen);
    session.lastSeenAt = seen;
  }
  return { session, user, agency, principal: session.mfaAt ? principalOf(user, agency, session.id) : undefined };
}
