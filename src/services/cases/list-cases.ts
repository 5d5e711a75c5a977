/** Use case: one page of the cases an agency takes part in, most recent activity first, with deadlines and overdue ones marked. */
import { isOverdue, type CaseStatus, type Urgency } from '../../core/cases.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { listAgencyCases, type CaseListRow } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export type CaseListItem = CaseListRow & { overdue: boolean; originatorName: string; originatorCountry: string };

export type CaseListQuery = {
  status?: CaseStatus | undefined;
  urgency?: Urgency | undefined;
  overdue?: boolean | undefined;
  role?: 'sent' | 'received' | undefined;
  /** The cursor of the page after which to read: `activityAt|id` of its last row. */
  after?: string | undefined;
  perPage: number;
};

export type CaseListPage = { items: CaseListItem[]; next: string | null };

const cursorOf = (row: CaseListRow): string => `${row.activityAt}|${row.id}`;

function parseCursor(cursor: string | undefined): { activityAt: string; id: string } | undefined {
  const m = cursor ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-z]{26})$/.exec(cursor) : null;
  return m ? { activityAt: m[1]!, id: m[2]! } : undefined;
}

/**
 * Keyset pagination over the participants' index: a page is the same few index reads however many cases the database
 * holds, and a case that gets a new message while someone pages moves to the top instead of shifting every page.
 */
export async function listCases(db: Db, principal: Principal, q: CaseListQuery, now: Date, purpose = "own agency's cases"): Promise<CaseListPage> {
  assertCan(principal, 'cases.read');
  const rows = await listAgencyCases(db, {
    agencyId: principal.agencyId,
    status: q.status,
    urgency: q.urgency,
    overdueAt: q.overdue ? now.toISOString() : undefined,
    role: q.role,
    after: parseCursor(q.after),
    limit: q.perPage + 1,
  });
  const page = rows.slice(0, q.perPage);
  // A list names cases and their subjects: it is read as a consultation, recorded with its purpose.
  await inTransaction(db, (trx) =>
    recordAudit(trx, { action: 'consult', purpose, objectType: 'case_list', objectId: null, details: { results: page.length, filtered: Boolean(q.status || q.urgency || q.overdue || q.role) } }),
  );
  const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a]));
  return {
    items: page.map((r) => ({
      ...r,
      overdue: isOverdue(r, now),
      originatorName: agencies.get(r.originatorAgencyId)?.name ?? '',
      originatorCountry: agencies.get(r.originatorAgencyId)?.country ?? '',
    })),
    next: rows.length > q.perPage && page.length > 0 ? cursorOf(page[page.length - 1]!) : null,
  };
}
