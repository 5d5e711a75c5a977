/** Appends to and reads the hash-chained audit trail; appends run inside the transaction of the change they record. */
import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { AuditAction, AuditEntry, AuditEntryInput, AuditFilters } from '../../core/audit.ts';
import { contentHash, sealEntry, type ChainAnchor, type EntryContent } from '../../core/audit-chain.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { AuditLogTable } from '../schema-audit.ts';

type Executor = Db | Transaction<Database>;

/** A checkpoint row every this many entries: a trusted point verification can start from. */
export const CHECKPOINT_EVERY = 1000;

/** Drops undefined values so the hashed form equals what JSON storage gives back. */
function plainDetails(details: AuditEntryInput['details']): Record<string, string | number | boolean | null> | undefined {
  if (!details) return undefined;
  const clean = JSON.parse(JSON.stringify(details)) as Record<string, string | number | boolean | null>;
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/**
 * Records one audit entry, inside the caller's transaction: if anything here fails, the change it records fails too.
 * Taking the head row (an UPDATE) serialises appends: its row lock on PostgreSQL, the writer lock on SQLite, so the
 * chain never forks. On PostgreSQL the head update computes the link hash itself and feeds the insert in the same
 * statement: one round trip per entry, which keeps the audit cost of a write request well under a millisecond.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntryInput): Promise<void> {
  const recipients = entry.recipients && entry.recipients.length > 0 ? [...entry.recipients] : undefined;
  const details = plainDetails(entry.details);
  const content: EntryContent = {
    id: newId(),
    at: nowIso(),
    action: entry.action,
    userId: entry.userId,
    agencyId: entry.agencyId,
    objectType: entry.objectType,
    objectId: entry.objectId,
    purpose: entry.purpose,
    ...(recipients ? { recipients } : {}),
    ...(details ? { details } : {}),
    ip: entry.ip ?? null,
  };
  const cells = {
    id: content.id,
    at: content.at,
    action: content.action,
    user_id: content.userId,
    agency_id: content.agencyId,
    object_type: content.objectType,
    object_id: content.objectId,
    purpose: content.purpose,
    recipients: recipients ? JSON.stringify(recipients) : null,
    details: details ? JSON.stringify(details) : null,
    ip: content.ip ?? null,
  };
  const seq = trx.getExecutor().adapter instanceof PostgresAdapter ? await appendPostgres(trx, cells, contentHash(content)) : await appendPortable(trx, cells, content);
  if (seq % CHECKPOINT_EVERY === 0) {
    const head = await trx.selectFrom('audit_head').select('hash').where('id', '=', 1).executeTakeFirstOrThrow();
    await trx.insertInto('audit_checkpoints').values({ seq, hash: head.hash, at: content.at }).execute();
  }
}

type Cells = Omit<AuditLogTable, 'seq' | 'prev_hash' | 'hash'>;

// The link formula must stay the one in core/audit-chain.ts (`linkHash`): sha256 of "<prevHash>:<seq>:<contentHash>".
async function appendPostgres(trx: Transaction<Database>, c: Cells, content: string): Promise<number> {
  const r = await sql<{ seq: number }>`
    with head as (
      update audit_head
         set seq = seq + 1,
             prev = hash,
             hash = encode(sha256(convert_to(hash || ':' || (seq + 1)::text || ':' || ${content}::text, 'UTF8')), 'hex')
       where id = 1
      returning seq, prev, hash
    )
    insert into audit_log (seq, id, at, action, user_id, agency_id, object_type, object_id, purpose, recipients, details, ip, prev_hash, hash)
    select head.seq, ${c.id}, ${c.at}, ${c.action}, ${c.user_id}, ${c.agency_id}, ${c.object_type}, ${c.object_id}, ${c.purpose},
           ${c.recipients}, ${c.details}, ${c.ip}, head.prev, head.hash
      from head
    returning seq`.execute(trx);
  return toCount(r.rows[0]?.seq);
}

async function appendPortable(trx: Transaction<Database>, c: Cells, content: EntryContent): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = toCount(head.seq);
  const sealed = sealEntry({ ...content, seq, prevHash: head.hash });
  await trx.insertInto('audit_log').values({ ...c, seq, prev_hash: head.hash, hash: sealed.hash }).execute();
  await trx.updateTable('audit_head').set({ prev: head.hash, hash: sealed.hash }).where('id', '=', 1).execute();
  return seq;
}

export function toAuditEntry(r: AuditLogTable): AuditEntry {
  const recipients = r.recipients ? (JSON.parse(r.recipients) as string[]) : undefined;
  const details = r.details ? (JSON.parse(r.details) as AuditEntry['details']) : undefined;
  return {
    seq: toCount(r.seq),
    id: r.id,
    at: r.at,
    action: r.action as AuditAction,
    userId: r.user_id,
    agencyId: r.agency_id,
    objectType: r.object_type,
    objectId: r.object_id,
    purpose: r.purpose,
    ...(recipients ? { recipients } : {}),
    ...(details ? { details } : {}),
    ip: r.ip,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Entries in chain order from a sequence number on, in batches, for verification and export in bounded memory. */
export async function* streamAudit(db: Executor, afterSeq = 0, batch = 2000): AsyncGenerator<AuditEntry[]> {
  let after = afterSeq;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows.map(toAuditEntry);
    after = toCount(rows[rows.length - 1]!.seq);
  }
}

/** The recorded head (last seq and hash): a chain whose tail was cut off no longer reaches it. */
export async function auditHead(db: Executor): Promise<ChainAnchor> {
  const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: toCount(row.seq), hash: row.hash };
}

export async function auditCheckpoints(db: Executor): Promise<ChainAnchor[]> {
  const rows = await db.selectFrom('audit_checkpoints').select(['seq', 'hash']).orderBy('seq').execute();
  return rows.map((r) => ({ seq: toCount(r.seq), hash: r.hash }));
}

/** One page of the trail, newest first, filtered as the auditors ask. */
export async function listAudit(db: Executor, f: AuditFilters, page: number, perPage: number): Promise<{ total: number; entries: AuditEntry[] }> {
  let q = db.selectFrom('audit_log');
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  // `to` is inclusive: a bare date covers that whole day.
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(perPage).offset((page - 1) * perPage).execute();
  return { total: toCount(count.n), entries: rows.map(toAuditEntry) };
}
