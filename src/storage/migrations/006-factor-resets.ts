/** Adds users.activated_at (so invites stay for never-activated accounts) and the factor_resets table of the two-person rule. */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('activated_at', 'text').execute();
  // Every account that has a password was activated by then (signing in needs one, and no earlier code removed it).
  await sql`update users set activated_at = coalesce(password_changed_at, created_at) where password_hash is not null`.execute(db);

  await db.schema
    .createTable('factor_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('invite_id', 'text')
    .execute();
  // One open request per user, on both dialects (partial unique index), so concurrent requests cannot pile up.
  await db.schema
    .createIndex('factor_resets_one_pending')
    .on('factor_resets')
    .column('user_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('factor_resets_invite').on('factor_resets').column('invite_id').execute();
}
