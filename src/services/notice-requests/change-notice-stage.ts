/**
 * Use cases on a circulating notice that only its agency takes: start an update (a working copy beside the published
 * version), discard it, or ask for renewal in the six months before expiry (reviewed again, with the published facts).
 */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import type { NoticeRequest } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, getVersion, insertVersion } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { moveRequest, visibleRequest } from './request-steps.ts';

export type StageChange = 'start_update' | 'discard_update' | 'request_renewal';

export async function changeNoticeStage(db: Db, principal: Principal, id: string, change: StageChange, now: Date): Promise<NoticeRequest> {
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    const published = r.publishedVersion === null ? undefined : await getVersion(trx, r.id, r.publishedVersion);
    if (!published) throw new AppError('conflict', 'notice_request.error.transition', { status: r.status, action: change });
    const at = nowIso(now);
    if (change === 'request_renewal') {
      const version = r.version + 1;
      const contributors = r.contributors.includes(principal.userId) ? r.contributors : [...r.contributors, principal.userId];
      await moveRequest(trx, r, principal, { action: change, patch: { version, contributors, submittedAt: at, facts: published.facts } }, now);
      await insertVersion(trx, {
        requestId: r.id,
        version,
        facts: published.facts,
        photoIds: published.photoIds,
        contributors,
        occasion: 'renewal',
        submittedBy: principal.userId,
        submittedAt: at,
      });
    } else {
      // Discarding returns the working copy to the published version, so the next update starts from what circulates.
      await moveRequest(trx, r, principal, { action: change, patch: change === 'discard_update' ? { facts: published.facts } : {} }, now);
    }
    await recordAudit(trx, { action: 'alter', objectType: 'notice_request', objectId: r.id, details: { change } });
    const changed = await getRequest(trx, r.id);
    if (!changed) throw new Error('changed request vanished');
    return changed;
  });
}
