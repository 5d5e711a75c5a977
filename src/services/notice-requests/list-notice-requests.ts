/** Use cases: the requesting agency's own requests (with expiry reminders), and the reviewers' queue, oldest first. */
import { isExpiringSoon, requestStatuses, reviewStatuses, type NoticeRequest, type RequestStatus } from '../../core/notice-requests.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';

/** What a list shows of a request: no more personal data than the name a case officer needs to recognise it. */
export type RequestListItem = {
  id: string;
  kind: NoticeRequest['kind'];
  status: RequestStatus;
  familyName: string;
  forename: string;
  nationalReference: string;
  reference: string | null;
  agencyName: string;
  agencyCountry: string;
  updatedAt: string;
  submittedAt: string | null;
  expiresAt: string | null;
  expiringSoon: boolean;
  /** Milliseconds since submission, for the queue. */
  waitingMs: number | null;
};

const LIST_LIMIT = 500;

async function itemsOf(db: Db, rows: NoticeRequest[], now: Date): Promise<RequestListItem[]> {
  const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    familyName: r.facts.familyName,
    forename: r.facts.forename,
    nationalReference: r.facts.nationalReference,
    reference: r.reference,
    agencyName: agencies.get(r.agencyId)?.name ?? '',
    agencyCountry: agencies.get(r.agencyId)?.country ?? '',
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    expiresAt: r.expiresAt,
    expiringSoon: isExpiringSoon(r.status, r.expiresAt, now),
    waitingMs: r.submittedAt && reviewStatuses.has(r.status) ? now.getTime() - Date.parse(r.submittedAt) : null,
  }));
}

export async function listAgencyRequests(db: Db, principal: Principal, filter: { status?: RequestStatus | undefined }, now: Date): Promise<RequestListItem[]> {
  assertCan(principal, 'notices.read');
  const rows = await listRequests(db, {
    agencyId: principal.agencyId,
    statuses: filter.status ? [filter.status] : [...requestStatuses],
    order: 'updated',
    limit: LIST_LIMIT,
  });
  return itemsOf(db, rows, now);
}

export async function listReviewQueue(db: Db, principal: Principal, now: Date): Promise<RequestListItem[]> {
  assertCan(principal, 'notices.review');
  const rows = await listRequests(db, { statuses: [...reviewStatuses], order: 'queue', limit: LIST_LIMIT });
  return itemsOf(db, rows, now);
}
