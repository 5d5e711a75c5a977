/** Reads the few columns the sitemap needs of every published notice, without loading the notices themselves. */
import type { Transaction } from 'kysely';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

/** Reference and last change of every published notice, newest first, at most `limit`. */
export async function listPublishedNoticeStamps(db: Executor, limit: number): Promise<{ reference: string; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('notices')
    .select(['reference', 'updated_at', 'published_at'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    reference: r.reference,
    updatedAt: r.published_at && r.published_at > r.updated_at ? r.published_at : r.updated_at,
  }));
}
