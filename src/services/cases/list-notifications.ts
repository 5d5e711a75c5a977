/** Use cases: the signed-in person's notifications of cases (newest first, with the count not yet read), and marking them read. */
import { isOfficeLiaison, participates } from '../../core/cases.ts';
import { nowIso } from '../../core/ids.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getCasesByIds } from '../../storage/repositories/cases.ts';
import { countUnread, listNotifications, markRead, type Notification } from '../../storage/repositories/notifications.ts';

export type NotificationItem = Notification & { reference: string; urgency: string };

/**
 * A notification names a case the person may see (their agency takes part, or they are the office's liaison officer,
 * who is told of every overdue case); one for a case erased since is not shown.
 */
export async function listOwnNotifications(db: Db, principal: Principal, limit = 50): Promise<{ unread: number; items: NotificationItem[] }> {
  const rows = await listNotifications(db, principal.userId, limit);
  const cases = new Map((await getCasesByIds(db, [...new Set(rows.map((n) => n.caseId))])).map((c) => [c.id, c]));
  const items = rows.flatMap((n) => {
    const c = cases.get(n.caseId);
    return c && !c.erasedAt && (participates(principal, c) || isOfficeLiaison(principal)) ? [{ ...n, reference: c.reference, urgency: c.urgency }] : [];
  });
  return { unread: await countUnread(db, principal.userId), items };
}

export function countOwnUnread(db: Db, principal: Principal): Promise<number> {
  return countUnread(db, principal.userId);
}

export function markOwnNotificationsRead(db: Db, principal: Principal, now: Date): Promise<number> {
  return markRead(db, principal.userId, nowIso(now));
}
