/** Creates the public-site tables: notices and their parts, news and events, editable content, police directory. */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Dialect } from '../db.ts';

// Migrations take an untyped Kysely: they must not depend on the schema type, which keeps evolving.
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['wanted', 'missing'])))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('forename', 'text', (c) => c.notNull())
    .addColumn('family_name_fold', 'text', (c) => c.notNull())
    .addColumn('forename_fold', 'text', (c) => c.notNull())
    .addColumn('search_fold', 'text', (c) => c.notNull())
    .addColumn('name_original', 'text')
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('place_of_birth', 'text')
    .addColumn('country_of_birth', 'text')
    .addColumn('height_m', 'real')
    .addColumn('weight_kg', 'real')
    .addColumn('eye_colors', 'text', (c) => c.notNull())
    .addColumn('hair_colors', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('distinguishing_marks', 'text')
    .addColumn('date_of_disappearance', 'text')
    .addColumn('place_of_disappearance', 'text')
    .addColumn('circumstances', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('notices_status_published').on('notices').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('notices_family_fold').on('notices').column('family_name_fold').execute();

  // Allocates public references atomically: an upsert on one row per year serialises concurrent creations.
  await db.schema
    .createTable('reference_counters')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notice_nationalities')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_nationalities_pk', ['notice_id', 'country'])
    .execute();
  await db.schema.createIndex('notice_nationalities_country').on('notice_nationalities').column('country').execute();

  await db.schema
    .createTable('notice_charges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('issuing_country', 'text', (c) => c.notNull())
    .addColumn('charge', 'text', (c) => c.notNull())
    .addColumn('charge_translation', 'text')
    .addColumn('crime_category', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_charges_notice').on('notice_charges').column('notice_id').execute();
  await db.schema.createIndex('notice_charges_country').on('notice_charges').column('issuing_country').execute();

  await db.schema
    .createTable('notice_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('data', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_images_notice').on('notice_images').columns(['notice_id', 'position']).execute();

  await db.schema
    .createTable('news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('event_start', 'text')
    .addColumn('event_end', 'text')
    .addColumn('event_place', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_published').on('news').column('published_at').execute();

  await db.schema
    .createTable('content_blocks')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_blocks_pk', ['key', 'lang'])
    .execute();

  await db.schema
    .createTable('police_contacts')
    .addColumn('country', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('emergency_numbers', 'text', (c) => c.notNull())
    .addColumn('police_names', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('source_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_log')
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
}

function sqlIn(column: string, values: string[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
