/** The notices changed most recently, newest change first, for the compatibility API's change feed. */
import type { Notice } from '../../core/notices.ts';
import type { Db } from '../../storage/db.ts';
import { changesSince, lastChangeSeq } from '../../storage/repositories/change-log.ts';
import { getNoticesByIds } from '../../storage/repositories/notices.ts';

/**
 * Looks back over the last `window` changes of the log (numbered in commit order without holes, so exactly the last
 * `window` committed) and returns each changed notice once.
 */
export async function listChangedNotices(db: Db, window: number): Promise<Notice[]> {
  const last = await lastChangeSeq(db);
  const changes = await changesSince(db, Math.max(0, last - window));
  const newestFirst = [...new Set(changes.map((ch) => ch.entityId).reverse())];
  const byId = new Map((await getNoticesByIds(db, newestFirst)).map((n) => [n.id, n]));
  return newestFirst.map((id) => byId.get(id)).filter((n): n is Notice => n !== undefined);
}
