/** Reads and writes the editable text blocks of the public site (one body per key and language) on either dialect. */
import type { Transaction } from 'kysely';
import { nowIso } from '../../core/ids.ts';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';
import { recordChange } from './change-log.ts';

type Executor = Db | Transaction<Database>;

/** The stored body of a block in one language, or undefined when none was written. */
export async function getContent(db: Executor, key: string, lang: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('content_blocks')
    .select('body')
    .where('key', '=', key)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return row?.body;
}

/** Stored bodies of one block in several languages at once (one query for a page's language and its fallback). */
export async function getContentIn(db: Executor, key: string, langs: readonly string[]): Promise<Map<string, string>> {
  if (langs.length === 0) return new Map();
  const rows = await db
    .selectFrom('content_blocks')
    .select(['lang', 'body'])
    .where('key', '=', key)
    .where('lang', 'in', [...langs])
    .execute();
  return new Map(rows.map((r) => [r.lang, r.body]));
}

/** Writes a block (insert or replace) and logs the change so that every instance drops its cached pages. */
export async function setContent(trx: Transaction<Database>, key: string, lang: string, body: string, now: string = nowIso()): Promise<void> {
  await trx
    .insertInto('content_blocks')
    .values({ key, lang, body, updated_at: now })
    .onConflict((oc) => oc.columns(['key', 'lang']).doUpdateSet({ body, updated_at: now }))
    .execute();
  await recordChange(trx, 'content', `${key}:${lang}`);
}
