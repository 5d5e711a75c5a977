/**
 * The cross-check of a case: every person it names compared with the notices the reader may see (every circulating
 * one, public or not, and the reader's own agency's requests), across spellings and scripts, with explanations.
 */
import type { Transaction } from 'kysely';
import type { CaseEntity } from '../../core/cases.ts';
import type { Principal } from '../../core/principal.ts';
import type { CaseHit } from '../../storage/repositories/cases.ts';
import type { Database } from '../../storage/schema.ts';
import { findNoticeCandidates } from '../notice-requests/find-duplicate-notices.ts';
import type { NoticeIndex } from '../notices/notice-index.ts';

/**
 * Hits for the recipients: run as the case's author, but over notices every agency sees, so a recipient never learns
 * of the author's agency's drafts. The author's own drafts are left out by comparing as a principal of no agency.
 */
export async function crossCheckEntities(trx: Transaction<Database>, index: NoticeIndex, entities: readonly CaseEntity[], author: Principal): Promise<CaseHit[]> {
  const anyAgency: Principal = { ...author, agencyId: '', agencyIsOffice: false, roles: [] };
  const hits: CaseHit[] = [];
  for (const [entityIndex, e] of entities.entries()) {
    if (e.type !== 'person') continue;
    const names = [`${e.forename} ${e.familyName}`.trim(), ...(e.nameOriginal ? [e.nameOriginal] : [])];
    const candidates = await findNoticeCandidates(
      trx,
      index,
      { names, dateOfBirth: e.dateOfBirth, nationalities: e.nationality ? [e.nationality] : [] },
      { requestId: null, noticeId: null },
      anyAgency,
    );
    for (const c of candidates) hits.push({ entityIndex, requestId: c.requestId, reference: c.reference, familyName: c.familyName, forename: c.forename, score: c.score, match: c.match, explanation: c.explanation });
  }
  return hits;
}
