/** Use case: screen one person (names, date of birth, nationalities, sex) against the published notices, best first, explained. */
import type { Notice, NoticeKind, Sex } from '../../core/notices.ts';
import type { Db } from '../../storage/db.ts';
import { getNoticesByIds } from '../../storage/repositories/notices.ts';
import type { NoticeIndex } from './notice-index.ts';
import { toNoticeMatch, type NoticeMatch } from './search-notices.ts';

export type PersonToMatch = {
  names: string[];
  dateOfBirth?: string | undefined;
  nationalities?: string[] | undefined;
  sex?: Sex | undefined;
};

export type MatchCandidate = NoticeMatch & { notice: Notice };

export const MAX_MATCH_LIMIT = 50;

/**
 * Ranks published notices against the person. Candidates below the engine's match threshold are included (flagged
 * `match: false`) because screening wants near misses too; the caller decides what to show.
 */
export async function matchPerson(
  db: Db,
  index: NoticeIndex,
  person: PersonToMatch,
  opts: { limit: number; kind?: NoticeKind | undefined },
): Promise<MatchCandidate[]> {
  const limit = Math.max(1, Math.min(opts.limit, MAX_MATCH_LIMIT));
  const hits = await index.search(
    {
      names: person.names,
      ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
      ...(person.nationalities && person.nationalities.length > 0 ? { nationalities: person.nationalities } : {}),
      ...(person.sex ? { sex: person.sex } : {}),
    },
    // Ask for more when filtering by kind afterwards, so the limit is still reached.
    opts.kind ? limit * 4 : limit,
  );
  const notices = new Map((await getNoticesByIds(db, hits.map((h) => h.id))).map((n) => [n.id, n]));
  const out: MatchCandidate[] = [];
  for (const hit of hits) {
    const notice = notices.get(hit.id);
    // The index may lag a write by one poll; the database has the last word on what is public.
    if (!notice || notice.status !== 'published' || (opts.kind && notice.kind !== opts.kind)) continue;
    out.push({ ...toNoticeMatch(hit), notice });
    if (out.length === limit) break;
  }
  return out;
}
