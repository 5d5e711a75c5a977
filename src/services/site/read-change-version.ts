/** The version stamp of everything the public site shows: it moves with every change to notices, news or content. */
import type { Db } from '../../storage/db.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';

/**
 * The number of the last committed change. Numbers are handed out in commit order, so the stamp moves at each commit
 * that records a change, also when a transaction that started earlier commits later.
 */
export function readChangeVersion(db: Db): Promise<number> {
  return lastChangeSeq(db);
}
