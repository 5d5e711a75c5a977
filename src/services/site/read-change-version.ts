/** The version stamp of everything the public site shows: it moves with every change to notices, news or content. */
import type { Db } from '../../storage/db.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';

export function readChangeVersion(db: Db): Promise<number> {
  return lastChangeSeq(db);
}
