/**
 * Retention of cases: a closed case is reviewed six months after closing; the clock erases every case past its review
 * date (an audited erasure that keeps no personal data), unless an office reviewer or liaison officer extended it, with a
 * reason, to a later review.
 */
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import type { PhotoStore } from '../../core/photos.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { eraseCase, getCase, listCasesDueForErasure, updateCase, type StoredCase } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

const BATCH = 200;
/** The longest extension one decision may give: another review is due within two years. */
export const MAX_EXTENSION_DAYS = 730;

/** Erases every case due by `now`, each in its own transaction; returns how many. */
export async function eraseExpiredCases(db: Db, store: PhotoStore, now: Date): Promise<number> {
  let erased = 0;
  for (;;) {
    const ids = await listCasesDueForErasure(db, nowIso(now), BATCH);
    if (ids.length === 0) return erased;
    for (const id of ids) {
      const keys = await db.transaction().execute(async (trx) => {
        const c = await getCase(trx, id);
        if (!c || c.erasedAt || !c.reviewAt || c.reviewAt > nowIso(now)) return null;
        const removed = await eraseCase(trx, id, nowIso(now));
        // The entry says what was erased and why, never what it said.
        await recordAudit(trx, {
          action: 'erase',
          userId: null,
          agencyId: c.originatorAgencyId,
          objectType: 'case',
          objectId: id,
          purpose: 'retention period ended',
          details: { reference: c.reference, reviewAt: c.reviewAt, attachments: removed.length },
        });
        return removed;
      });
      // Another instance erased it first.
      if (keys === null) continue;
      // Bytes go once the rows naming them are gone for good; a failure here leaves unnamed bytes, never a dangling row.
      await store.delete(keys);
      erased++;
    }
  }
}

export async function extendCaseRetention(db: Db, principal: Principal, caseId: string, extension: { days: number; reason: string }, now: Date): Promise<StoredCase> {
  assertCan(principal, 'cases.retention');
  const problems = [
    ...(Number.isInteger(extension.days) && extension.days >= 1 && extension.days <= MAX_EXTENSION_DAYS ? [] : [{ field: 'days', message: 'cases.error.extension_days' }]),
    ...(extension.reason.trim().length >= 3 ? [] : [{ field: 'reason', message: 'cases.error.reason_needed' }]),
  ];
  if (problems.length > 0) throw new AppError('validation_failed', 'cases.error.invalid', { max: MAX_EXTENSION_DAYS }, problems);
  return inTransaction(db, async (trx) => {
    // Retention is the office's decision on any case, taken by its reviewers and liaison officers (the permission is
    // office-only), so the case is read by id rather than as a participant would.
    const c = await getCase(trx, caseId);
    if (!c) throw new AppError('not_found', 'error.detail.resource_not_found');
    if (c.erasedAt) throw new AppError('gone', 'cases.error.erased');
    if (c.status !== 'closed' && c.status !== 'refused') throw new AppError('conflict', 'cases.error.still_open');
    const base = c.reviewAt && c.reviewAt > nowIso(now) ? Date.parse(c.reviewAt) : now.getTime();
    const reviewAt = new Date(base + extension.days * 86_400_000).toISOString();
    if (!(await updateCase(trx, c.id, c.status, { reviewAt, retentionNote: extension.reason.trim() }))) throw new AppError('conflict', 'cases.error.changed_meanwhile');
    await recordAudit(trx, { action: 'alter', objectType: 'case', objectId: c.id, purpose: extension.reason.trim(), details: { change: 'retention_extended', reviewAt } });
    const extended = await getCase(trx, c.id);
    if (!extended) throw new Error('case vanished');
    return extended;
  });
}
