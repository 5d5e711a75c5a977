/** The version stamp of everything the public site shows: it moves with every change to notices, news or content. */
import { commitsSoFar } from '../../storage/commits.ts';
import type { Db } from '../../storage/db.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';

/**
 * How long one read of the stamp answers for this process while it commits nothing: another instance's change shows
 * here within this long. Read on every public request, the stamp cost a sixth of a page served from the cache (and a
 * round trip to PostgreSQL); under load it is now read about ten times a second.
 */
export const VERSION_REUSE_MS = 100;

/** The last stamp read on a database handle, with this process's commit count and the clock when the read began. */
type Reading = { version: number; commits: number; startedAt: number };
const readings = new WeakMap<Db, Reading>();

/**
 * The number of the last committed change. Numbers are handed out in commit order, so the stamp moves at each commit
 * that records a change, also when a transaction that started earlier commits later. A reading is reused only while
 * this process has committed nothing since the read began (so a writer always sees its own change at once) and for at
 * most `VERSION_REUSE_MS`.
 */
export async function readChangeVersion(db: Db, now: number = performance.now()): Promise<number> {
  const last = readings.get(db);
  const commits = commitsSoFar();
  if (last && last.commits === commits && now - last.startedAt < VERSION_REUSE_MS) return last.version;
  const version = await lastChangeSeq(db);
  // A slower read that began earlier must not replace a fresher one.
  if ((readings.get(db)?.startedAt ?? -Infinity) <= now) readings.set(db, { version, commits, startedAt: now });
  return version;
}
