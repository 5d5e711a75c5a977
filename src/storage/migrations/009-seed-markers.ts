/** Adds seed_markers: one row per one-time seeding step, inserted in the seeding transaction so it runs once. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('seed_markers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
}
