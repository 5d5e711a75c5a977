/** Appends to and reads the hash-chained audit trail; appends run inside the transaction of the change they record. */
import { PostgresAdapter, sql, type DialectAdapter, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { AuditAction, AuditEntry, AuditEntryInput, AuditFilters } from '../../core/audit.ts';
import {
  checkpointMessage,
  contentHash,
  headMessage,
  linkHash,
  sealEntry,
  type AuditSigner,
  type ChainAnchor,
  type EntryContent,
} from '../../core/audit-chain.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { AuditLogTable } from '../schema-audit.ts';

type Executor = Db | Transaction<Database>;

/** A checkpoint row every this many entries: a trusted point verification can start from. */
export const CHECKPOINT_EVERY = 1000;

let signer: AuditSigner | null = null;

/**
 * Installs the key that signs checkpoints and the head from now on, once at start-up (the call sites of appendAudit
 * stay as they are); null stops signing. Appends without a signer leave the head unsigned, which `audit verify` with
 * the key reports.
 */
export function installAuditSigner(next: AuditSigner | null): void {
  signer = next;
}

export function installedAuditSigner(): AuditSigner | null {
  return signer;
}

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
  const head = trx.getExecutor().adapter instanceof PostgresAdapter ? await appendPostgres(trx, cells, contentHash(content)) : await appendPortable(trx, cells, content);
  if (head.seq % CHECKPOINT_EVERY === 0) {
    const signed = signer?.sign(checkpointMessage(head.seq, head.hash, content.at));
    await trx
      .insertInto('audit_checkpoints')
      .values({ seq: head.seq, hash: head.hash, at: content.at, signature: signed?.signature ?? null, key_id: signed?.keyId ?? null })
      .execute();
  }
}

type Cells = Omit<AuditLogTable, 'seq' | 'prev_hash' | 'hash'>;

/**
 * The head this process last wrote, per database (Kysely shares one adapter between a database and its transactions).
 * PostgreSQL computes the link hash itself, but the signing key never enters the database: to sign in the same single
 * statement, the append predicts the new head from the last one it wrote and sends the signature with a condition.
 */
const lastHeads = new WeakMap<DialectAdapter, ChainAnchor>();

// The link formula must stay the one in core/audit-chain.ts (`linkHash`): sha256 of "<prevHash>:<seq>:<contentHash>".
// The signature is stored only if the head was the predicted one (the CASE reads the row's old values); otherwise
// (another instance appended, or this process's last append rolled back) it is cleared, and a second statement on
// the row this transaction now holds signs the real head. Single-instance deployments take one round trip.
async function appendPostgres(trx: Transaction<Database>, c: Cells, content: string): Promise<ChainAnchor> {
  const adapter = trx.getExecutor().adapter;
  const last = lastHeads.get(adapter);
  const predicted = last ? { seq: last.seq + 1, hash: linkHash(last.hash, last.seq + 1, content) } : null;
  const signed = predicted && signer ? signer.sign(headMessage(predicted.seq, predicted.hash)) : null;
  const r = await sql<{ seq: number; hash: string }>`
    with head as (
      update audit_head
         set seq = seq + 1,
             prev = hash,
             hash = encode(sha256(convert_to(hash || ':' || (seq + 1)::text || ':' || ${content}::text, 'UTF8')), 'hex'),
             signature = case when seq = ${last?.seq ?? -1} and hash = ${last?.hash ?? ''} then ${signed?.signature ?? null}::text end,
             key_id = case when seq = ${last?.seq ?? -1} and hash = ${last?.hash ?? ''} then ${signed?.keyId ?? null}::text end
       where id = 1
      returning seq, prev, hash
    )
    insert into audit_log (seq, id, at, action, user_id, agency_id, object_type, object_id, purpose, recipients, details, ip, prev_hash, hash)
    select head.seq, ${c.id}, ${c.at}, ${c.action}, ${c.user_id}, ${c.agency_id}, ${c.object_type}, ${c.object_id}, ${c.purpose},
           ${c.recipients}, ${c.details}, ${c.ip}, head.prev, head.hash
      from head
    returning seq, hash`.execute(trx);
  const row = r.rows[0];
  if (!row) throw new Error('audit_head is missing');
  const head = { seq: toCount(row.seq), hash: row.hash };
  lastHeads.set(adapter, head);
  const guessed = predicted !== null && predicted.seq === head.seq && predicted.hash === head.hash;
  if (signer && !guessed) {
    const fresh = signer.sign(headMessage(head.seq, head.hash));
    await trx.updateTable('audit_head').set({ signature: fresh.signature, key_id: fresh.keyId }).where('id', '=', 1).execute();
  }
  return head;
}

async function appendPortable(trx: Transaction<Database>, c: Cells, content: EntryContent): Promise<ChainAnchor> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = toCount(head.seq);
  const sealed = sealEntry({ ...content, seq, prevHash: head.hash });
  await trx.insertInto('audit_log').values({ ...c, seq, prev_hash: head.hash, hash: sealed.hash }).execute();
  const signed = signer?.sign(headMessage(seq, sealed.hash));
  await trx
    .updateTable('audit_head')
    .set({ prev: head.hash, hash: sealed.hash, signature: signed?.signature ?? null, key_id: signed?.keyId ?? null })
    .where('id', '=', 1)
    .execute();
  return { seq, hash: sealed.hash };
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

/** A stored signature beside a checkpoint or the head. */
export type StoredSignature = { signature: string | null; keyId: string | null };

/** The recorded head (last seq and hash) and its signature: a chain whose tail was cut off no longer reaches it. */
export async function auditHead(db: Executor): Promise<ChainAnchor & StoredSignature> {
  const row = await db.selectFrom('audit_head').select(['seq', 'hash', 'signature', 'key_id']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: toCount(row.seq), hash: row.hash, signature: row.signature, keyId: row.key_id };
}

export type AuditCheckpoint = ChainAnchor & StoredSignature & { at: string };

export async function auditCheckpoints(db: Executor): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').select(['seq', 'hash', 'at', 'signature', 'key_id']).orderBy('seq').orderBy('id').execute();
  return rows.map((r) => ({ seq: toCount(r.seq), hash: r.hash, at: r.at, signature: r.signature, keyId: r.key_id }));
}

/** The auditors' filters as one condition; `to` is inclusive: a bare date covers that whole day. */
function matching(f: AuditFilters) {
  return (eb: ExpressionBuilder<Database, 'audit_log'>): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (f.userId) c.push(eb('user_id', '=', f.userId));
    if (f.agencyId) c.push(eb('agency_id', '=', f.agencyId));
    if (f.objectType) c.push(eb('object_type', '=', f.objectType));
    if (f.objectId) c.push(eb('object_id', '=', f.objectId));
    if (f.action) c.push(eb('action', '=', f.action));
    if (f.from) c.push(eb('at', '>=', f.from));
    if (f.to) c.push(eb('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to));
    return eb.and(c);
  };
}

/** One page of the trail, newest first, filtered as the auditors ask. */
export async function listAudit(db: Executor, f: AuditFilters, page: number, perPage: number): Promise<{ total: number; entries: AuditEntry[] }> {
  const q = db.selectFrom('audit_log').where(matching(f));
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(perPage).offset((page - 1) * perPage).execute();
  return { total: toCount(count.n), entries: rows.map(toAuditEntry) };
}

/** The entries matching the auditors' filters in chain order, in batches (for exports), filtered by the database. */
export async function* streamAuditMatching(db: Executor, f: AuditFilters, batch = 2000): AsyncGenerator<AuditEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where(matching(f)).where('seq', '>', after).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows.map(toAuditEntry);
    after = toCount(rows[rows.length - 1]!.seq);
  }
}
