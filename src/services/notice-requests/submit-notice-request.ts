/** Use case: the requesting agency submits its working copy for review, after the automatic checks. */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import { decideTransition, submissionProblems, type NoticeRequest } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, insertVersion, listPhotos } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { NoticeIndex } from '../notices/notice-index.ts';
import { inTransaction } from '../transaction.ts';
import { findDuplicateNotices, type DuplicateCandidate } from './find-duplicate-notices.ts';
import { actorOf, moveRequest, visibleRequest } from './request-steps.ts';

export type SubmittedRequest = { request: NoticeRequest; duplicates: DuplicateCandidate[] };

/**
 * Refuses a request that misses what review needs, naming every problem by field. Possible duplicates do not block:
 * they are recorded with the submission, shown to the officer and put before the reviewer, who judges them.
 */
export async function submitNoticeRequest(db: Db, index: NoticeIndex, principal: Principal, id: string, now: Date): Promise<SubmittedRequest> {
  // The duplicate search ranks against the index without catching up (it runs inside the transaction): catch up
  // first, so a notice published a moment ago is compared too. Inside a caller's transaction this is left to the poll.
  if (!db.isTransaction) await index.sync();
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    decideTransition(r, 'submit', actorOf(principal), now);
    const photos = await listPhotos(trx, r.id, { includeRemoved: false });
    const problems = submissionProblems(r.facts, { photoCount: photos.length, today: now });
    if (problems.length > 0) throw new AppError('validation_failed', 'notice_request.error.not_ready', { count: problems.length }, problems);
    const duplicates = await findDuplicateNotices(trx, index, r.facts, { requestId: r.id, noticeId: r.noticeId }, principal);
    const at = nowIso(now);
    const version = r.version + 1;
    const contributors = r.contributors.includes(principal.userId) ? r.contributors : [...r.contributors, principal.userId];
    await insertVersion(trx, {
      requestId: r.id,
      version,
      facts: r.facts,
      photoIds: photos.map((p) => p.id),
      contributors,
      occasion: r.status === 'update_draft' || r.status === 'update_changes_requested' ? 'update' : 'request',
      submittedBy: principal.userId,
      submittedAt: at,
    });
    const status = await moveRequest(trx, r, principal, {
      action: 'submit',
      patch: { version, contributors, submittedAt: at },
      // Kept with the step, so the reviewer sees the candidates as they were when the request was submitted.
      details: {
        duplicates: duplicates.map((d) => ({
          requestId: d.requestId,
          reference: d.reference,
          familyName: d.familyName,
          forename: d.forename,
          score: Math.round(d.score * 100) / 100,
          match: d.match,
          explanation: d.explanation,
        })),
      },
    }, now);
    await recordAudit(trx, {
      action: 'alter',
      objectType: 'notice_request',
      objectId: r.id,
      details: { change: 'submitted', version, status, possibleDuplicates: duplicates.length },
    });
    const submitted = await getRequest(trx, r.id);
    if (!submitted) throw new Error('submitted request vanished');
    return { request: submitted, duplicates };
  });
}
