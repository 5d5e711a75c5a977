/** Use case: the clock expires circulating notices whose five years have passed without renewal, taking their extracts down. */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import { liveStatuses } from '../../core/notice-requests.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, listExpiredIds } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { takeDownExtract } from './public-extract.ts';
import { moveRequest } from './request-steps.ts';

const BATCH = 200;

/** Expires every notice due by `now`, each in its own transaction (one failure leaves the others expired); returns how many. */
export async function expireNoticeRequests(db: Db, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const ids = await listExpiredIds(db, [...liveStatuses], nowIso(now), BATCH);
    if (ids.length === 0) return expired;
    let progressed = false;
    for (const id of ids) {
      const done = await db.transaction().execute(async (trx) => {
        const r = await getRequest(trx, id);
        if (!r || !liveStatuses.has(r.status)) return false;
        await moveRequest(trx, r, null, { action: 'expire', patch: { withdrawalReason: null } }, now);
        if (r.noticeId) await takeDownExtract(trx, r.noticeId, nowIso(now));
        await recordAudit(trx, { action: 'alter', userId: null, agencyId: r.agencyId, objectType: 'notice_request', objectId: r.id, details: { change: 'expired', expiresAt: r.expiresAt } });
        return true;
      }).catch((err: unknown) => {
        // Another instance expired it first: its move matched the row, this one's did not.
        if (err instanceof AppError && err.key === 'notice_request.error.changed_meanwhile') return false;
        throw err;
      });
      if (done) expired++;
      progressed ||= done;
    }
    // Every id of the batch was taken by another instance; it will finish them.
    if (!progressed) return expired;
  }
}
