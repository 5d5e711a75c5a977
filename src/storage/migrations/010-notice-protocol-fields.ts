/** Adds the public notices protocol's remaining notice fields: issuing country, parents' and birth names, country of disappearance, countries likely to be visited. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

// Nullable text columns: existing notices read them as unknown, which is what the protocol sends for an unknown value.
const textColumns = ['country_of_disappearance', 'issuing_country', 'father_name', 'father_forename', 'mother_name', 'mother_forename', 'birth_name'];

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // One statement per column: SQLite's ALTER TABLE adds a single column at a time.
  for (const column of textColumns) await db.schema.alterTable('notices').addColumn(column, 'text').execute();
  // A child table like notice_nationalities; `position` keeps the requesting bureau's order, which the API repeats.
  await db.schema
    .createTable('notice_visit_countries')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_visit_countries_pk', ['notice_id', 'country'])
    .execute();
}
