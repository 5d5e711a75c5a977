/**
 * Use case: a reviewer of the office decides on the version under review: approves it (it circulates, and its public
 * extract appears where consented), asks for changes (it goes back to its agency) or refuses it (with reasons).
 */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import type { PhotoStore } from '../../core/photos.ts';
import {
  decideTransition,
  expiryAfter,
  reviewProblems,
  reviewStatuses,
  type Checklist,
  type NoticeRequest,
  type ReviewDecision,
} from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { decideVersion, getRequest, getVersion } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { publicImagesOf, publishExtract, referenceFor } from './public-extract.ts';
import { actorOf, moveRequest, visibleRequest } from './request-steps.ts';

export type Review = { decision: ReviewDecision; comment: string; checklist: Checklist };

const actionOf = { approve: 'approve', request_changes: 'request_changes', refuse: 'refuse' } as const;

/**
 * Runs its own transaction, after reading the photos an approval publishes (see `publicImagesOf`): callers must not
 * hold a transaction of their own, so the pipeline declares review routes with `transaction: 'steps'`.
 */
export async function reviewNoticeRequest(db: Db, store: PhotoStore, principal: Principal, id: string, review: Review, now: Date): Promise<NoticeRequest> {
  const seen = await visibleRequest(db, principal, id);
  const seenVersion = review.decision === 'approve' ? await getVersion(db, seen.id, seen.version) : undefined;
  const images = seenVersion ? await publicImagesOf(db, store, seen, seenVersion) : [];
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    // The photos read above belong to the version seen then; a newer submission must be reviewed afresh.
    if (r.version !== seen.version) throw new AppError('conflict', 'notice_request.error.changed_meanwhile');
    if (!reviewStatuses.has(r.status)) throw new AppError('conflict', 'notice_request.error.not_in_review');
    const problems = reviewProblems(review.decision, review.checklist, review.comment, r.kind);
    if (problems.length > 0) throw new AppError('validation_failed', 'notice_request.error.review_incomplete', {}, problems);
    const v = await getVersion(trx, r.id, r.version);
    if (!v) throw new Error(`request ${r.id} has no version ${r.version}`);
    const at = nowIso(now);
    const comment = review.comment.trim() === '' ? null : review.comment.trim();
    const details = { checklist: review.checklist, decision: review.decision };
    if (review.decision === 'approve') {
      // Decided before anything is published, so a refused move leaves no trace.
      decideTransition(r, 'approve', actorOf(principal), now);
      const reference = await referenceFor(trx, r, at);
      // A renewal, or a first publication, starts five years of validity; an update keeps the expiry it had.
      const expiresAt = r.status === 'renewal_submitted' || r.expiresAt === null ? expiryAfter(at) : r.expiresAt;
      const noticeId = await publishExtract(trx, images, r, v, reference, at);
      await moveRequest(trx, r, principal, {
        action: 'approve',
        patch: { publishedVersion: v.version, reference, noticeId, expiresAt, publishedAt: r.publishedAt ?? at, facts: v.facts },
        comment,
        details,
      }, now);
      await decideVersion(trx, r.id, v.version, 'approve', principal.userId, at);
      await recordAudit(trx, {
        action: 'disclose',
        objectType: 'notice_request',
        objectId: r.id,
        recipients: v.facts.publicExtract.consent ? ['all agencies', 'public extract'] : ['all agencies'],
        details: { change: 'approved', version: v.version, reference, publicExtract: v.facts.publicExtract.consent, occasion: v.occasion },
      });
    } else {
      const published = r.publishedVersion === null ? undefined : await getVersion(trx, r.id, r.publishedVersion);
      // A refused update or renewal leaves the published version circulating, and the working copy returns to it.
      const patch = review.decision === 'refuse' && published ? { facts: published.facts } : {};
      await moveRequest(trx, r, principal, { action: actionOf[review.decision], patch, comment, details }, now);
      await decideVersion(trx, r.id, v.version, review.decision, principal.userId, at);
      await recordAudit(trx, {
        action: 'alter',
        objectType: 'notice_request',
        objectId: r.id,
        details: { change: review.decision === 'refuse' ? 'refused' : 'changes_requested', version: v.version, occasion: v.occasion },
      });
    }
    const decided = await getRequest(trx, r.id);
    if (!decided) throw new Error('reviewed request vanished');
    return decided;
  });
}
