/** Use case: the requesting agency saves its working copy of a request, whatever is still missing from it. */
import { AppError, type FieldIssue } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import { decideTransition, parseRequestFacts, submissionProblems, type NoticeRequest } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, listPhotos, updateRequest } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { actorOf, recordStep, visibleRequest } from './request-steps.ts';

export type SavedRequest = {
  request: NoticeRequest;
  /** What must still be done before the request can be submitted (catalog keys by field). */
  toDo: FieldIssue[];
};

/**
 * Saves the facts as given. A field that breaks a rule of its own (a date that is not a date, an unknown country) is
 * refused with every such field named, and nothing is saved; what is merely missing is saved and listed in `toDo`.
 */
export async function saveNoticeRequest(db: Db, principal: Principal, id: string, facts: Record<string, unknown>, now: Date): Promise<SavedRequest> {
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    // `edit` leaves the status as it is; deciding it checks the agency, the role and that the copy is editable.
    decideTransition(r, 'edit', actorOf(principal), now);
    const parsed = parseRequestFacts({ ...facts, kind: r.kind });
    if (!parsed.ok) throw new AppError('validation_failed', 'notice_request.error.invalid_fields', {}, parsed.issues);
    const at = nowIso(now);
    const contributors = r.contributors.includes(principal.userId) ? r.contributors : [...r.contributors, principal.userId];
    const changed = await updateRequest(trx, r.id, r.status, { facts: parsed.facts, contributors }, at);
    if (!changed) throw new AppError('conflict', 'notice_request.error.changed_meanwhile');
    await recordStep(trx, r, 'edit', r.status, principal, at, null, {}, r.version);
    await recordAudit(trx, { action: 'alter', objectType: 'notice_request', objectId: r.id, details: { change: 'saved', status: r.status } });
    const saved = await getRequest(trx, r.id);
    if (!saved) throw new Error('saved request vanished');
    const photos = await listPhotos(trx, r.id, { includeRemoved: false });
    return { request: saved, toDo: submissionProblems(saved.facts, { photoCount: photos.length, today: now }) };
  });
}
