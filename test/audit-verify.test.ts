import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '../src/core/audit.ts';
import type { Store } from '../src/storage/db.ts';
import { appendAudit, streamAudit } from '../src/storage/repositories/audit.ts';
import { verifyAuditChain } from '../src/services/audit/verify-audit-chain.ts';
import { dialects, freshStore } from './support/stores.ts';

const entry = (i: number): AuditEntryInput => ({
  action: 'consult',
  userId: `u${i % 3}`,
  agencyId: 'a1',
  objectType: 'notice',
  objectId: `n${i}`,
  purpose: `case 2026/${i}`,
  recipients: i % 2 ? ['FR', 'DE'] : [],
  details: { n: i, flag: i % 2 === 0, note: null },
  ip: '127.0.0.1',
});

async function appendMany(store: Store, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await store.db.transaction().execute((trx) => appendAudit(trx, entry(i)));
}

/** What an attacker with database access does first: switch off the append-only triggers. */
async function dropGuards(store: Store): Promise<void> {
  if (store.dialect === 'postgres') await sql`alter table audit_log disable trigger all`.execute(store.db);
  else {
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`drop trigger audit_log_no_delete`.execute(store.db);
  }
}

describe.each(dialects)('audit trail on %s', (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => store.close());

  it('chains entries and verifies an intact trail', async () => {
    await appendMany(store, 5);
    const entries = [];
    for await (const b of streamAudit(store.db)) entries.push(...b);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.recipients).toEqual(['FR', 'DE']);
    expect(entries[1]!.recipients).toBeUndefined();
    const report = await verifyAuditChain(store.db);
    expect(report).toMatchObject({ ok: true, checked: 5 });
  });

  it('writes the entry in the same transaction as the change: a failure drops both', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('content_blocks').values({ key: 'k', lang: 'en', body: 'x', updated_at: new Date().toISOString() }).execute();
        await appendAudit(trx, entry(1));
        throw new Error('use case failed after auditing');
      }),
    ).rejects.toThrow('use case failed');
    expect(await store.db.selectFrom('content_blocks').selectAll().execute()).toHaveLength(0);
    expect(await store.db.selectFrom('audit_log').selectAll().execute()).toHaveLength(0);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE of entries at the database', async () => {
    await appendMany(store, 2);
    await expect(sql`update audit_log set purpose = 'changed' where seq = 1`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('names an altered entry', async () => {
    await appendMany(store, 6);
    await dropGuards(store);
    await sql`update audit_log set purpose = 'fishing expedition' where seq = 4`.execute(store.db);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ seq: 4, reason: 'altered' });
  });

  it('names a deleted entry, in the middle and at the end', async () => {
    await appendMany(store, 6);
    await dropGuards(store);
    await sql`delete from audit_log where seq = 3`.execute(store.db);
    expect((await verifyAuditChain(store.db)).problem).toMatchObject({ seq: 3, reason: 'missing' });
  });

  it('detects a cut-off tail against the recorded head', async () => {
    await appendMany(store, 5);
    await dropGuards(store);
    await sql`delete from audit_log where seq = 5`.execute(store.db);
    expect((await verifyAuditChain(store.db)).problem).toMatchObject({ seq: 5, reason: 'missing' });
  });

  it('names reordered entries (contents swapped between positions)', async () => {
    await appendMany(store, 6);
    await dropGuards(store);
    // Swap entries 2 and 4 by renumbering them through a free sequence number.
    await sql`update audit_log set seq = 1000 where seq = 2`.execute(store.db);
    await sql`update audit_log set seq = 2 where seq = 4`.execute(store.db);
    await sql`update audit_log set seq = 4 where seq = 1000`.execute(store.db);
    const report = await verifyAuditChain(store.db);
    expect(report.ok).toBe(false);
    expect(report.problem?.seq).toBe(2);
    expect(report.problem?.reason).toBe('broken_link');
  });
});

describe('concurrent appends on postgres', () => {
  it('never fork the chain', async () => {
    const store = await freshStore('postgres');
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.db.transaction().execute((trx) => appendAudit(trx, entry(i + 1)))));
      expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 20 });
    } finally {
      await store.close();
    }
  });
});
