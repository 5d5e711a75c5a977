/**
 * Use case: the notices that may be of the same person as a request or a person named in a case, published or not,
 * across spellings and scripts, each with the matching engine's explanation. Only notices the asking principal may see
 * are compared: every circulating notice, and their own agency's requests (reviewers see every request).
 */
import { namesOf, requestStatuses, type RequestFacts } from '../../core/notice-requests.ts';
import { explain, scorePerson, type PersonQuery } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';
import { getNoticesByIds } from '../../storage/repositories/notices.ts';
import type { NoticeIndex } from '../notices/notice-index.ts';
import type { Principal } from '../../core/principal.ts';
import { canSee } from './request-steps.ts';

export type DuplicateCandidate = {
  /** The request behind the candidate, when it came through the portal; null for a notice published without one. */
  requestId: string | null;
  reference: string | null;
  familyName: string;
  forename: string;
  score: number;
  match: boolean;
  explanation: string;
};

/** Candidates at or above this score are shown: near misses too, since a reviewer judges them better than a threshold. */
export const DUPLICATE_FLOOR = 0.6;
const MAX_CANDIDATES = 10;
/** Requests compared in one pass; an office holds thousands, not millions, of requests of its own. */
const REQUEST_SCAN_LIMIT = 50_000;

const queryOf = (f: RequestFacts): PersonQuery => ({
  names: namesOf(f),
  dateOfBirth: f.dateOfBirth,
  nationalities: f.nationalities,
  sex: f.sex === 'U' ? null : f.sex,
});

export function findDuplicateNotices(
  db: Db,
  index: NoticeIndex,
  facts: RequestFacts,
  exclude: { requestId: string; noticeId: string | null },
  asker: Principal,
): Promise<DuplicateCandidate[]> {
  return findNoticeCandidates(db, index, queryOf(facts), exclude, asker);
}

/** The same search for any person described by names, date of birth, nationalities and sex. */
export async function findNoticeCandidates(
  db: Db,
  index: NoticeIndex,
  query: PersonQuery,
  exclude: { requestId: string | null; noticeId: string | null },
  asker: Principal,
): Promise<DuplicateCandidate[]> {
  if (query.names.length === 0) return [];
  const out: DuplicateCandidate[] = [];
  const seenReferences = new Set<string>();
  const requests = await listRequests(db, { statuses: requestStatuses.filter((s) => s !== 'refused'), order: 'updated', limit: REQUEST_SCAN_LIMIT });
  for (const r of requests) {
    // Another agency's draft is not the asker's to know of; it is compared once it circulates.
    if (r.id === exclude.requestId || !canSee(asker, r)) continue;
    const result = scorePerson(query, { id: r.id, ...queryOf(r.facts) });
    if (result.score < DUPLICATE_FLOOR) continue;
    if (r.reference) seenReferences.add(r.reference);
    out.push({
      requestId: r.id,
      reference: r.reference,
      familyName: r.facts.familyName,
      forename: r.facts.forename,
      score: result.score,
      match: result.match,
      explanation: result.explanation.map((e) => explain(e)).join(' '),
    });
  }
  // Notices published without a request of this portal (imported, or from before it) are compared through the index,
  // as last synced: this runs inside the submitting transaction, and on SQLite a catch-up would wait for the very
  // connection that transaction holds. Requests of the portal were compared above, from the database itself.
  const hits = index.rank(query, MAX_CANDIDATES * 2);
  if (hits.length > 0) {
    const summaries = new Map((await getNoticesByIds(db, hits.map((h) => h.id))).map((n) => [n.id, n]));
    for (const hit of hits) {
      const n = summaries.get(hit.id);
      if (!n || n.status !== 'published' || hit.id === exclude.noticeId || seenReferences.has(n.reference) || hit.score < DUPLICATE_FLOOR) continue;
      out.push({
        requestId: null,
        reference: n.reference,
        familyName: n.familyName,
        forename: n.forename,
        score: hit.score,
        match: hit.match,
        explanation: hit.explanation.map((e) => explain(e)).join(' '),
      });
    }
  }
  return out.sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
}
