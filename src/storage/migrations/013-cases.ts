/**
 * Adds case exchange: cases, their participating agencies, messages with their handling permissions, receipts, links
 * and cross-check hits; the portal's notifications and the outbox of e-mails that announce them.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('national_reference', 'text', (c) => c.notNull())
    .addColumn('crime_area', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('originator_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('review_at', 'text')
    .addColumn('retention_note', 'text')
    .addColumn('erased_at', 'text')
    // When the clock told the recipients and the office that the deadline passed (once per case).
    .addColumn('overdue_notified_at', 'text')
    // JSON array of the persons, documents and vehicles named in the case.
    .addColumn('entities', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_status_deadline').on('cases').columns(['status', 'deadline_at']).execute();
  await db.schema.createIndex('cases_review').on('cases').columns(['review_at']).execute();
  // An agency's list is chosen from indexes alone (listAgencyCases): this one checks its filters case by case while
  // the agency's cases are walked in order, the next one finds the few cases of a rare filter (open, urgent) at once.
  await db.schema.createIndex('cases_list_probe').on('cases').columns(['id', 'status', 'urgency', 'deadline_at']).execute();
  await db.schema.createIndex('cases_list_filter').on('cases').columns(['status', 'urgency', 'deadline_at', 'id']).execute();

  // One row per agency taking part. `activity_at` repeats the case's last activity so that an agency's list is read in
  // order from this index alone, however many cases the database holds.
  await db.schema
    .createTable('case_participants')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('activity_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addPrimaryKeyConstraint('case_participants_pk', ['case_id', 'agency_id'])
    .execute();
  // Role and acknowledgement included, so a "sent" or "received" list never reads the table row to filter.
  await db.schema
    .createIndex('case_participants_agency')
    .on('case_participants')
    .columns(['agency_id', 'activity_at', 'case_id', 'role', 'acknowledged_at'])
    .execute();
  // A list page is a short walk of that index, which PostgreSQL would otherwise split over parallel workers for a large
  // agency: their start-up (20 to 30 ms measured at 100,000 cases) costs far more than the walk itself (about 1 ms).
  if (dialect === 'postgres') await sql`alter table case_participants set (parallel_workers = 0)`.execute(db);

  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('author_agency_id', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('handling_code', 'text', (c) => c.notNull())
    .addColumn('restriction', 'text', (c) => c.notNull())
    .addColumn('source_grade', 'text', (c) => c.notNull())
    .addColumn('information_grade', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_messages_case').on('case_messages').columns(['case_id', 'sent_at']).execute();

  // The originator's recorded permission to use (H1) or pass on (H2) a message beyond the case's participants.
  await db.schema
    .createTable('case_message_permissions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('case_messages.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_message_permissions_pk', ['message_id', 'agency_id'])
    .execute();

  await db.schema
    .createTable('case_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('case_messages.id').onDelete('cascade'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    // JSON: each derived size's store key and dimensions, as for notice photos.
    .addColumn('sizes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachments_case').on('case_attachments').columns(['case_id']).execute();

  // Who of an agency first opened a case, and when: the receipt the directive's single point of contact keeps.
  await db.schema
    .createTable('case_receipts')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_receipts_pk', ['case_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('case_links')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_links_pk', ['case_id', 'target_type', 'target_id'])
    .execute();

  await db.schema
    .createTable('case_hits')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('entity_index', 'integer', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('forename', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('is_match', 'integer', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_hits_case').on('case_hits').columns(['case_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();
  // Written in the transaction that makes the news, sent after it commits: a rolled-back case sends nothing, and a
  // mail server that is down delays the mail without losing it.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_pending').on('email_outbox').columns(['sent_at', 'next_attempt_at']).execute();
}
