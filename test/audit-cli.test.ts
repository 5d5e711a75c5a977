import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { AuditEntry } from '../src/core/audit.ts';
import { AuditSigner } from '../src/core/audit-chain.ts';
import { openStore, sqlitePathIn, type Store } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { appendAudit, installAuditSigner, streamAudit } from '../src/storage/repositories/audit.ts';
import { captureCli } from './support/cli-io.ts';

async function appendBatch(store: Store, n: number): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(trx, { action: 'consult', userId: 'u1', agencyId: 'a1', objectType: 'notice', objectId: `n${i}`, purpose: `case ${i}`, ip: null });
    }
  });
}

async function allEntries(store: Store): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const b of streamAudit(store.db)) out.push(...b);
  return out;
}

describe('audit keygen and audit verify at the command line', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-audit-cli-'));
  });
  afterAll(() => {
    process.env = saved;
    installAuditSigner(null);
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (...argv: string[]) => captureCli((io) => runCli(argv, io));

  it('creates a key, verifies a signed trail with a witness, and names a moved head', async () => {
    const keyFile = join(dir, 'keys', 'audit.pem');
    const made = await cli('audit', 'keygen', '--out', keyFile);
    expect(made.code, made.err).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'keys', 'audit.pub.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    expect((await cli('audit', 'keygen', '--out', keyFile)).code).toBe(1); // never overwrites a key

    const dataDir = join(dir, 'data');
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    process.env.AUDIT_SIGNING_KEY_FILE = keyFile;
    const store = openStore({ sqlitePath: sqlitePathIn(dataDir) });
    await migrateToLatest(store);
    installAuditSigner(AuditSigner.fromPem(readFileSync(keyFile, 'utf8')));
    await appendBatch(store, 6);

    const witness = join(dir, 'witness.json');
    const ok = await cli('audit', 'verify', '--witness', witness);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/audit chain intact: 6 entries/);
    expect(ok.out).toMatch(/signatures valid/);
    expect(JSON.parse(readFileSync(witness, 'utf8'))).toMatchObject({ seq: 6 });

    // Verification needs only the public key.
    delete process.env.AUDIT_SIGNING_KEY_FILE;
    process.env.AUDIT_VERIFY_KEY_FILE = join(dir, 'keys', 'audit.pub.pem');
    expect((await cli('audit', 'verify')).code).toBe(0);

    await sql`drop trigger audit_log_no_delete`.execute(store.db);
    const entries = await allEntries(store);
    await sql`delete from audit_log where seq > 4`.execute(store.db);
    await sql`update audit_head set seq = 4, prev = ${entries[3]!.prevHash}, hash = ${entries[3]!.hash} where id = 1`.execute(store.db);
    await store.close();
    const bad = await cli('audit', 'verify', '--witness', witness);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/BROKEN at entry 4: the head \(entry 4\) has a signature that does not match it/);
    const hashesOnly = await cli('audit', 'verify', '--chain-only', '--expect-at-least', '6');
    expect(hashesOnly.code).toBe(1);
    expect(hashesOnly.err).toMatch(/rolled back/);
    delete process.env.AUDIT_VERIFY_KEY_FILE;
    process.env.AUDIT_SIGNING_KEY_FILE = join(dir, 'absent.pem');
    const noKey = await cli('audit', 'verify');
    expect(noKey.code).toBe(1);
    expect(noKey.err).toMatch(/no audit key to check signatures with/);
  });
});
