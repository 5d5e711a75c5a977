/**
 * Use case: officers search every notice circulating in the portal (public or not) and their own agency's requests,
 * with the public search's filters and the name matching across spellings and scripts; the search is a consultation,
 * recorded with its purpose.
 */
import { requirePurpose } from '../../core/audit.ts';
import { liveStatuses, namesOf, requestStatuses, type NoticeRequest } from '../../core/notice-requests.ts';
import { ageOn, type Sex } from '../../core/notices.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { explain, scorePerson } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { canSee } from './request-steps.ts';

export type PortalSearch = {
  purpose: unknown;
  name?: string | undefined;
  kind?: 'wanted' | 'missing' | undefined;
  nationality?: string | undefined;
  sex?: Sex | undefined;
  wantedBy?: string | undefined;
  crimeCategory?: string | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  /** `circulating`: notices every agency sees; `own`: the reader's agency's requests in any state. */
  scope: 'circulating' | 'own';
};

export type PortalHit = {
  request: NoticeRequest;
  agency: { name: string; code: string; country: string };
  score: number | null;
  match: boolean;
  explanation: string;
};

/** Name hits below this score are left out; the engine's threshold says which of those shown are matches. */
const NAME_FLOOR = 0.55;
const SCAN_LIMIT = 50_000;
const RESULT_LIMIT = 200;

function passesFilters(r: NoticeRequest, q: PortalSearch, today: Date): boolean {
  const f = r.facts;
  if (q.kind && r.kind !== q.kind) return false;
  if (q.nationality && !f.nationalities.includes(q.nationality)) return false;
  if (q.sex && f.sex !== q.sex) return false;
  if (q.wantedBy && !f.warrants.some((w) => w.issuingCountry === q.wantedBy)) return false;
  if (q.crimeCategory && !f.warrants.some((w) => w.crimeCategory === q.crimeCategory)) return false;
  if (q.ageMin !== undefined || q.ageMax !== undefined) {
    const age = ageOn(f.dateOfBirth, today);
    if (age === null) return false;
    if (q.ageMin !== undefined && age < q.ageMin) return false;
    if (q.ageMax !== undefined && age > q.ageMax) return false;
  }
  return true;
}

export async function searchPortalNotices(db: Db, principal: Principal, q: PortalSearch, now: Date): Promise<{ total: number; hits: PortalHit[]; purpose: string }> {
  assertCan(principal, 'notices.read');
  const purpose = requirePurpose(q.purpose);
  return inTransaction(db, async (trx) => {
    const rows = await listRequests(trx, {
      ...(q.scope === 'own' ? { agencyId: principal.agencyId, statuses: [...requestStatuses] } : { statuses: [...liveStatuses] }),
      kind: q.kind,
      order: 'updated',
      limit: SCAN_LIMIT,
    });
    const name = q.name?.trim() ?? '';
    const agencies = new Map((await listAgencies(trx)).map((a) => [a.id, { name: a.name, code: a.code, country: a.country }]));
    const agencyOf = (r: NoticeRequest) => agencies.get(r.agencyId) ?? { name: '', code: '', country: '' };
    const hits: PortalHit[] = [];
    for (const r of rows) {
      if (!canSee(principal, r) || !passesFilters(r, q, now)) continue;
      if (name === '') {
        hits.push({ request: r, agency: agencyOf(r), score: null, match: false, explanation: '' });
        continue;
      }
      const scored = scorePerson({ names: [name] }, { id: r.id, names: namesOf(r.facts) });
      if (scored.score < NAME_FLOOR) continue;
      hits.push({ request: r, agency: agencyOf(r), score: scored.score, match: scored.match, explanation: scored.explanation.map((e) => explain(e)).join(' ') });
    }
    if (name !== '') hits.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    await recordAudit(trx, {
      action: 'consult',
      purpose,
      objectType: 'notice_request',
      objectId: null,
      details: { what: 'search', scope: q.scope, name: name !== '', results: hits.length },
    });
    return { total: hits.length, hits: hits.slice(0, RESULT_LIMIT), purpose };
  });
}
