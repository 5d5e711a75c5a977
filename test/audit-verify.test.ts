import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../src/core/audit.ts';
import { AuditSigner, checkpointMessage, generateAuditKeyPair, headMessage, sealEntry } from '../src/core/audit-chain.ts';
import type { Store } from '../src/storage/db.ts';
import { appendAudit, auditHead, installAuditSigner, streamAudit } from '../src/storage/repositories/audit.ts';
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

// ---- Signatures: an attacker who can write to the database, but does not hold the signing key. ----

const signer = AuditSigner.fromPem(generateAuditKeyPair().privatePem);
const key = signer.verifyKey;
/** One checkpoint (at 1000) and a tail of 200 entries after it. */
const TRAIL = 1200;

async function appendBatch(store: Store, from: number, to: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (let i = from; i <= to; i++) await appendAudit(trx, entry(i));
  });
}

async function allEntries(store: Store): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const b of streamAudit(store.db)) out.push(...b);
  return out;
}

/** Recomputes every entry's link and hash and the head, as anyone with the schema and write access can; signatures stay as they were. */
async function rechain(store: Store, opts: { checkpoints?: boolean } = {}): Promise<AuditEntry[]> {
  const sealed: AuditEntry[] = [];
  let prev = '0'.repeat(64);
  for (const e of await allEntries(store)) {
    const s = sealEntry({ ...e, prevHash: prev });
    if (s.hash !== e.hash || s.prevHash !== e.prevHash) {
      await sql`update audit_log set prev_hash = ${s.prevHash}, hash = ${s.hash} where seq = ${e.seq}`.execute(store.db);
    }
    sealed.push(s);
    prev = s.hash;
  }
  const last = sealed[sealed.length - 1]!;
  await sql`update audit_head set seq = ${last.seq}, prev = ${last.prevHash}, hash = ${last.hash} where id = 1`.execute(store.db);
  if (opts.checkpoints) {
    for (const s of sealed) await sql`update audit_checkpoints set hash = ${s.hash} where seq = ${s.seq}`.execute(store.db);
  }
  return sealed;
}

describe.each(dialects)('signed audit trail on %s', (dialect) => {
  let store: Store;
  beforeAll(() => installAuditSigner(signer));
  afterAll(() => installAuditSigner(null));
  beforeEach(async () => {
    store = await freshStore(dialect);
    await appendBatch(store, 1, TRAIL);
    await dropGuards(store);
  });
  afterEach(async () => store.close());

  it('(d) verifies a valid trail: every checkpoint and the head are signed by the audit key', async () => {
    const head = await auditHead(store.db);
    expect(head.keyId).toBe(key.keyId);
    const report = await verifyAuditChain(store.db, { key });
    expect(report).toMatchObject({ ok: true, checked: TRAIL, checkpoints: 1, signatures: { checked: true, keyId: key.keyId } });
    const cp = await store.db.selectFrom('audit_checkpoints').selectAll().executeTakeFirstOrThrow();
    expect(cp.seq).toBe(1000);
    expect(key.verify(checkpointMessage(1000, cp.hash, cp.at), cp.signature!)).toBe(true);
  });

  it('(a) catches edited entries whose hashes, head and checkpoint were all recomputed', async () => {
    await sql`update audit_log set purpose = 'fishing expedition' where seq = 500`.execute(store.db);
    await rechain(store, { checkpoints: true });
    // The hashes agree with each other again: only the signatures tell.
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 1000, reason: 'bad_signature' });
    expect(report.problem!.message).toMatch(/checkpoint at entry 1000 has a signature that does not match/);
  });

  it('(a) names the span of a rewrite when the checkpoint itself was left alone', async () => {
    await sql`update audit_log set purpose = 'fishing expedition' where seq = 500`.execute(store.db);
    await rechain(store);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 1000, reason: 'checkpoint_mismatch' });
    expect(report.problem!.message).toMatch(/entries 1–1000 were rewritten/);
  });

  it('(a) catches an edit after the last checkpoint through the head signature', async () => {
    await sql`update audit_log set purpose = 'fishing expedition' where seq = 1100`.execute(store.db);
    await rechain(store);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: TRAIL, reason: 'bad_signature' });
    expect(report.problem!.message).toMatch(/the head \(entry 1200\) has a signature that does not match it.*after entry 1000/);
  });

  it('(b) catches entries deleted and the rest renumbered, hashes recomputed', async () => {
    await sql`delete from audit_log where seq between 300 and 309`.execute(store.db);
    // Renumber through negative numbers: a primary key cannot take a neighbour's value mid-update.
    await sql`update audit_log set seq = -seq where seq > 309`.execute(store.db);
    await sql`update audit_log set seq = -seq - 10 where seq < 0`.execute(store.db);
    await rechain(store, { checkpoints: true });
    expect((await auditHead(store.db)).seq).toBe(TRAIL - 10);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 1000, reason: 'bad_signature' });
    expect(report.problem!.message).toMatch(/checkpoint at entry 1000/);
  });

  it('(b) catches a deletion after the last checkpoint, renumbered and recomputed', async () => {
    await sql`delete from audit_log where seq = 1150`.execute(store.db);
    await sql`update audit_log set seq = -seq where seq > 1150`.execute(store.db);
    await sql`update audit_log set seq = -seq - 1 where seq < 0`.execute(store.db);
    await rechain(store);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: TRAIL - 1, reason: 'bad_signature' });
    expect(report.problem!.message).toMatch(/the head \(entry 1199\)/);
  });

  it('(c) catches a cut tail with the head moved back', async () => {
    const entries = await allEntries(store);
    await sql`delete from audit_log where seq > 1100`.execute(store.db);
    const at = entries[1099]!;
    await sql`update audit_head set seq = 1100, prev = ${at.prevHash}, hash = ${at.hash} where id = 1`.execute(store.db);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 1100, reason: 'bad_signature' });
    expect(report.problem!.message).toMatch(/the head \(entry 1100\).*cut off/);
  });

  it('(c) refuses a head cut back to a checkpoint that borrows the checkpoint’s signature', async () => {
    const entries = await allEntries(store);
    await sql`delete from audit_log where seq > 1000`.execute(store.db);
    const cp = await store.db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', 1000).executeTakeFirstOrThrow();
    const at = entries[999]!;
    await sql`update audit_head set seq = 1000, prev = ${at.prevHash}, hash = ${at.hash}, signature = ${cp.signature}, key_id = ${cp.key_id} where id = 1`.execute(store.db);
    expect((await verifyAuditChain(store.db, { key })).problem).toMatchObject({ seq: 1000, reason: 'bad_signature' });
  });

  it('(c) reports a tail cut further back, with its checkpoints left behind', async () => {
    const entries = await allEntries(store);
    await sql`delete from audit_log where seq > 900`.execute(store.db);
    const at = entries[899]!;
    await sql`update audit_head set seq = 900, prev = ${at.prevHash}, hash = ${at.hash} where id = 1`.execute(store.db);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 901, reason: 'missing' });
    expect(report.problem!.message).toMatch(/checkpoint exists at entry 1000, beyond the end of the trail \(entry 900\)/);
  });

  it('(e) refuses a checkpoint and head re-signed with another key', async () => {
    const attacker = AuditSigner.fromPem(generateAuditKeyPair().privatePem);
    await sql`update audit_log set purpose = 'fishing expedition' where seq = 500`.execute(store.db);
    const sealed = await rechain(store, { checkpoints: true });
    const cp = await store.db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', 1000).executeTakeFirstOrThrow();
    const cpSig = attacker.sign(checkpointMessage(1000, cp.hash, cp.at));
    await sql`update audit_checkpoints set signature = ${cpSig.signature}, key_id = ${cpSig.keyId} where seq = 1000`.execute(store.db);
    const last = sealed[sealed.length - 1]!;
    const headSig = attacker.sign(headMessage(last.seq, last.hash));
    await sql`update audit_head set signature = ${headSig.signature}, key_id = ${headSig.keyId} where id = 1`.execute(store.db);
    // Valid under the attacker's own key, refused under the audit key.
    expect((await verifyAuditChain(store.db, { key: attacker.verifyKey })).ok).toBe(true);
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: 1000, reason: 'bad_signature' });
    expect(report.problem!.message).toContain(`checkpoint at entry 1000 is signed by another key (${attacker.keyId}), not the audit key (${key.keyId})`);
  });

  it('reports removed checkpoint rows', async () => {
    await sql`delete from audit_checkpoints`.execute(store.db);
    expect((await verifyAuditChain(store.db, { key })).problem).toMatchObject({ seq: 1000, reason: 'checkpoint_missing' });
  });

  it('cannot tell a rollback to an older signed state without a witness, and can with one', async () => {
    const old = await store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await appendBatch(store, TRAIL + 1, TRAIL + 5);
    const witness = await auditHead(store.db);
    expect(witness.seq).toBe(TRAIL + 5);
    // The attacker kept a copy of the head row as it was at entry 1200 and restores it after cutting the tail.
    await sql`delete from audit_log where seq > ${TRAIL}`.execute(store.db);
    await sql`update audit_head set seq = ${old.seq}, prev = ${old.prev}, hash = ${old.hash}, signature = ${old.signature}, key_id = ${old.key_id} where id = 1`.execute(store.db);
    expect((await verifyAuditChain(store.db, { key })).ok).toBe(true);
    const byWitness = await verifyAuditChain(store.db, { key, witness: { seq: witness.seq, hash: witness.hash } });
    expect(byWitness.problem).toMatchObject({ seq: TRAIL + 1, reason: 'rolled_back' });
    expect(byWitness.problem!.message).toMatch(/ends at entry 1200, but entry 1205 was seen before/);
    expect((await verifyAuditChain(store.db, { key, expectAtLeast: TRAIL + 5 })).problem).toMatchObject({ reason: 'rolled_back' });
    expect((await verifyAuditChain(store.db, { key, witness: { seq: 1100, hash: 'f'.repeat(64) } })).problem).toMatchObject({ seq: 1100, reason: 'rolled_back' });
  });

  it('reports a head left unsigned by an append without the key', async () => {
    installAuditSigner(null);
    try {
      await appendBatch(store, TRAIL + 1, TRAIL + 1);
    } finally {
      installAuditSigner(signer);
    }
    const report = await verifyAuditChain(store.db, { key });
    expect(report.problem).toMatchObject({ seq: TRAIL + 1, reason: 'unsigned' });
    expect(report.problem!.message).toMatch(/the head \(entry 1201\) is not signed/);
  });
});
