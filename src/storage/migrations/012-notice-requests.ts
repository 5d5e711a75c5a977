/**
 * Adds notice requests: the working copy an agency drafts, its submitted versions, every step of its review, its
 * photos; and forms kept when a session ended before they could be saved.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('notice_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // The working copy as JSON: a draft may be half-filled, so its fields are not columns until it is reviewed.
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('forename', 'text', (c) => c.notNull())
    .addColumn('national_reference', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('contributors', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text')
    .addColumn('reference', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('withdrawal_note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .execute();
  // An agency's own list, and the reviewers' queue (oldest submission first).
  await db.schema.createIndex('notice_requests_agency').on('notice_requests').columns(['agency_id', 'updated_at']).execute();
  await db.schema.createIndex('notice_requests_status').on('notice_requests').columns(['status', 'submitted_at']).execute();
  await db.schema.createIndex('notice_requests_expiry').on('notice_requests').columns(['expires_at']).execute();

  await db.schema
    .createTable('notice_request_versions')
    .addColumn('request_id', 'text', (c) => c.notNull().references('notice_requests.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull())
    .addColumn('contributors', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('notice_request_versions_pk', ['request_id', 'version'])
    .execute();

  await db.schema
    .createTable('notice_request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('notice_requests.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_agency_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_request_events_request').on('notice_request_events').columns(['request_id', 'at']).execute();

  await db.schema
    .createTable('notice_request_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('notice_requests.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // JSON: each derived size's store key and dimensions.
    .addColumn('sizes', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_request_photos_request').on('notice_request_photos').columns(['request_id', 'position']).execute();

  // A form posted after its session ended, kept for the browser that posted it (by a cookie's hash) until it signs in again.
  await db.schema
    .createTable('parked_forms')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parked_forms_expiry').on('parked_forms').columns(['expires_at']).execute();
}
