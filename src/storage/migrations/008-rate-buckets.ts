/** Adds rate_buckets: the token buckets that every instance shares for the budgets guarding sign-in. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    // Milliseconds since the epoch rather than ISO text: the refill is computed in SQL, the same on both dialects.
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_buckets_updated').on('rate_buckets').column('updated_ms').execute();
}
