/** Keeps and gives back forms posted after their session ended, by the hash of the posting browser's token. */
import type { Transaction } from 'kysely';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

export type ParkedFields = Record<string, string | string[]>;

export async function putParkedForm(db: Executor, f: { tokenHash: string; path: string; fields: ParkedFields; now: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('parked_forms')
    .values({ token_hash: f.tokenHash, path: f.path, fields: JSON.stringify(f.fields), created_at: f.now, expires_at: f.expiresAt })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet({ path: f.path, fields: JSON.stringify(f.fields), created_at: f.now, expires_at: f.expiresAt }))
    .execute();
}

/** Deletes and returns the form kept for this token and path, if it has not expired. */
export async function takeParkedForm(trx: Transaction<Database>, tokenHash: string, path: string, now: string): Promise<{ fields: ParkedFields; createdAt: string } | undefined> {
  const row = await trx.selectFrom('parked_forms').selectAll().where('token_hash', '=', tokenHash).where('path', '=', path).executeTakeFirst();
  if (!row) return undefined;
  await trx.deleteFrom('parked_forms').where('token_hash', '=', tokenHash).execute();
  if (row.expires_at <= now) return undefined;
  const fields: unknown = JSON.parse(row.fields);
  return fields !== null && typeof fields === 'object' ? { fields: fields as ParkedFields, createdAt: row.created_at } : undefined;
}

export async function deleteExpiredParkedForms(db: Executor, now: string): Promise<number> {
  const r = await db.deleteFrom('parked_forms').where('expires_at', '<=', now).executeTakeFirst();
  return toCount(r.numDeletedRows);
}
