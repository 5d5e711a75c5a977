/** The open factor-reset requests an administrator may see (every agency's for the office, else their own agency's). */
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getUser, listPendingFactorResets } from '../../storage/repositories/accounts.ts';

export type FactorResetRequestView = {
  id: string;
  user: { id: string; email: string; name: string; agencyId: string };
  requestedBy: { id: string; name: string };
  reason: string;
  requestedAt: string;
  expiresAt: string;
  /** False for the requester and for the user themself (two-person rule); the approval checks it again. */
  mayApprove: boolean;
};

export async function listFactorResetRequests(db: Db, actor: Principal, now: Date): Promise<FactorResetRequestView[]> {
  assertCan(actor, 'users.manage');
  const requests = await listPendingFactorResets(db, now.toISOString(), actor.agencyIsOffice ? undefined : actor.agencyId);
  const views: FactorResetRequestView[] = [];
  for (const r of requests) {
    const [user, requester] = [await getUser(db, r.userId), await getUser(db, r.requestedBy)];
    if (!user) continue;
    views.push({
      id: r.id,
      user: { id: user.id, email: user.email, name: user.name, agencyId: user.agencyId },
      requestedBy: { id: r.requestedBy, name: requester?.name ?? '' },
      reason: r.reason,
      requestedAt: r.requestedAt,
      expiresAt: r.expiresAt,
      mayApprove: r.requestedBy !== actor.userId && r.userId !== actor.userId,
    });
  }
  return views;
}
