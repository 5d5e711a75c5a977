/** Housekeeping: deletes sessions past their idle, absolute or pending-second-factor limit, so dead rows do not pile up. */
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_PENDING_MFA_MS } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { deleteExpiredSessions } from '../../storage/repositories/sessions.ts';

/** Returns how many sessions were deleted; uses the same limits as `sessionExpiry`, so it removes only dead sessions. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const at = now.getTime();
  const iso = (ms: number): string => new Date(at - ms).toISOString();
  // `<=` in sessionExpiry (expired at exactly the limit) against `<` here: the purge may lag by one millisecond, never lead.
  return deleteExpiredSessions(db, iso(SESSION_IDLE_MS), iso(SESSION_ABSOLUTE_MS), iso(SESSION_PENDING_MFA_MS));
}

