/** Reads and writes the portal's notifications of cases and the outbox of the e-mails that announce them. */
import type { Transaction } from 'kysely';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

export type Notification = { id: string; userId: string; caseId: string; kind: 'new_case' | 'new_message' | 'overdue'; createdAt: string; readAt: string | null };

export async function insertNotifications(trx: Transaction<Database>, rows: readonly Notification[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(rows.map((n) => ({ id: n.id, user_id: n.userId, case_id: n.caseId, kind: n.kind, created_at: n.createdAt, read_at: n.readAt })))
    .execute();
}

export async function listNotifications(db: Executor, userId: string, limit: number): Promise<Notification[]> {
  const rows = await db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, caseId: r.case_id, kind: r.kind as Notification['kind'], createdAt: r.created_at, readAt: r.read_at }));
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Marks the user's notifications read: all, or those of one case (opening the case reads them). */
export async function markRead(db: Executor, userId: string, at: string, caseId?: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (caseId) q = q.where('case_id', '=', caseId);
  return toCount((await q.executeTakeFirst()).numUpdatedRows);
}

export type OutboxEmail = { id: string; to: string; subject: string; body: string; attempts: number };

export async function enqueueEmails(trx: Transaction<Database>, emails: readonly { id: string; to: string; subject: string; body: string }[], at: string): Promise<void> {
  if (emails.length === 0) return;
  await trx
    .insertInto('email_outbox')
    .values(emails.map((e) => ({ id: e.id, to_address: e.to, subject: e.subject, body: e.body, created_at: at, sent_at: null, attempts: 0, next_attempt_at: at, last_error: null })))
    .execute();
}

export async function listDueEmails(db: Executor, at: string, limit: number): Promise<OutboxEmail[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'body', 'attempts'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, body: r.body, attempts: toCount(r.attempts) }));
}

/** Claims an e-mail for sending by moving its next attempt on, so two instances never send it twice at once. */
export async function claimEmail(db: Executor, id: string, attempts: number, retryAt: string): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set({ attempts: attempts + 1, next_attempt_at: retryAt })
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}

export async function markEmailSent(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('email_outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markEmailFailed(db: Executor, id: string, error: string): Promise<void> {
  await db.updateTable('email_outbox').set({ last_error: error.slice(0, 500) }).where('id', '=', id).execute();
}
