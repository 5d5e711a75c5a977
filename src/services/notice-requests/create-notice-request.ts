/** Use case: an officer opens a notice request for their agency, as a draft that can be saved half-filled. */
import { AppError } from '../../core/errors.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { parseRequestFacts, type NoticeRequest } from '../../core/notice-requests.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, insertRequest } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { recordStep } from './request-steps.ts';

export async function createNoticeRequest(
  db: Db,
  principal: Principal,
  facts: Record<string, unknown> & { kind: 'wanted' | 'missing' },
  now: Date,
  opts: { isDemo?: boolean } = {},
): Promise<NoticeRequest> {
  assertCan(principal, 'notices.submit');
  const parsed = parseRequestFacts(facts);
  if (!parsed.ok) throw new AppError('validation_failed', 'notice_request.error.invalid_fields', {}, parsed.issues);
  const id = newId(now.getTime());
  const at = nowIso(now);
  return inTransaction(db, async (trx) => {
    await insertRequest(trx, { id, agencyId: principal.agencyId, facts: parsed.facts, createdBy: principal.userId, now: at, isDemo: opts.isDemo ?? false });
    await recordStep(trx, { id }, 'create', 'draft', principal, at, null, {}, 0);
    await recordAudit(trx, { action: 'collect', objectType: 'notice_request', objectId: id, details: { change: 'created', kind: parsed.facts.kind } });
    const created = await getRequest(trx, id);
    if (!created) throw new Error('created request vanished');
    return created;
  });
}
