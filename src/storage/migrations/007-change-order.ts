/** Numbers the change log in commit order: a one-row counter taken in each writing transaction, stored as `commit_seq`. */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  // SQLite adds a NOT NULL column only with a default; no row keeps it, and the unique index below refuses a second 0.
  await db.schema.alterTable('change_log').addColumn('commit_seq', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  // Existing rows keep their order and their numbers, so positions that running instances hold stay comparable.
  await sql`update change_log set commit_seq = seq`.execute(db);
  await sql`insert into change_counter (id, n) select 1, coalesce(max(seq), 0) from change_log`.execute(db);
  await db.schema.createIndex('change_log_commit_seq').on('change_log').column('commit_seq').unique().execute();
}
