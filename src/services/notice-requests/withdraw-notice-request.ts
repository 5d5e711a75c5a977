/**
 * Use case: the requesting agency or the office withdraws a request or notice (found, arrested, warrant cancelled,
 * error): in the same transaction its public extract leaves every public surface, and the reason is recorded.
 */
import { nowIso } from '../../core/ids.ts';
import type { NoticeRequest, WithdrawalReason } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { takeDownExtract } from './public-extract.ts';
import { moveRequest, visibleRequest } from './request-steps.ts';

export async function withdrawNoticeRequest(
  db: Db,
  principal: Principal,
  id: string,
  withdrawal: { reason: WithdrawalReason; note: string },
  now: Date,
): Promise<NoticeRequest> {
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    const at = nowIso(now);
    const note = withdrawal.note.trim() === '' ? null : withdrawal.note.trim();
    await moveRequest(trx, r, principal, { action: 'withdraw', patch: { withdrawalReason: withdrawal.reason, withdrawalNote: note }, comment: note, details: { reason: withdrawal.reason } }, now);
    if (r.noticeId) await takeDownExtract(trx, r.noticeId, at);
    await recordAudit(trx, {
      action: 'alter',
      objectType: 'notice_request',
      objectId: r.id,
      details: { change: 'withdrawn', reason: withdrawal.reason, from: r.status, publicExtractRemoved: r.noticeId !== null },
    });
    const withdrawn = await getRequest(trx, r.id);
    if (!withdrawn) throw new Error('withdrawn request vanished');
    return withdrawn;
  });
}
