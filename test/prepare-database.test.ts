/** Start-up preparation runs once: instances starting together on one database migrate and seed the demo set once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NOTICE_COUNT } from '../src/demo/generate.ts';
import { listDemoAccounts, seedDemoAccounts } from '../src/services/demo/seed-demo-accounts.ts';
import { seedDemoData } from '../src/services/demo/seed-demo.ts';
import { prepareDatabase } from '../src/services/operations/prepare-database.ts';
import { openStore, toCount, type Store } from '../src/storage/db.ts';
import { DatabasePhotoStore } from '../src/storage/photo-store.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { testConfig } from './api-support.ts';
import { emptyPostgresDatabase } from './support/empty-database.ts';

const config = testConfig({ DEMO_DATA: 'true' });

/** A logger that keeps what it was told, to see which start waited. */
function recordingLogger() {
  const messages: string[] = [];
  return { messages, info: (a: unknown, b?: unknown) => void messages.push(typeof a === 'string' ? a : String(b)) };
}

async function noticeCount(store: Store): Promise<number> {
  return toCount((await store.db.selectFrom('notices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Notices the generator made: the demo notice requests that reached the public site add their extracts to the table. */
async function generatedNoticeCount(store: Store): Promise<number> {
  const extracts = toCount(
    (await store.db.selectFrom('notice_requests').select((eb) => eb.fn.countAll().as('n')).where('notice_id', 'is not', null).executeTakeFirstOrThrow()).n,
  );
  return (await noticeCount(store)) - extracts;
}

async function requestCount(store: Store): Promise<number> {
  return toCount((await store.db.selectFrom('notice_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

const prepare = (store: Store, logger: ReturnType<typeof recordingLogger>) => prepareDatabase(store, config, logger, new DatabasePhotoStore(store.db));

describe('preparing one PostgreSQL database from two instances at once', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('migrates once and seeds one demo set and one set of demo accounts', async () => {
    const url = await emptyPostgresDatabase();
    const [one, two] = [openStore({ databaseUrl: url, poolSize: 2 }), openStore({ databaseUrl: url, poolSize: 2 })] as const;
    stores.push(one, two);
    const logs = [recordingLogger(), recordingLogger()];
    const results = await Promise.all([prepare(one, logs[0]!), prepare(two, logs[1]!)]);

    expect(await generatedNoticeCount(one)).toBe(DEMO_NOTICE_COUNT);
    expect(await requestCount(one)).toBeGreaterThan(10);
    const accounts = await listDemoAccounts(one.db);
    expect(new Set(accounts.map((a) => a.email)).size).toBe(accounts.length);
    expect(accounts.length).toBeGreaterThan(0);
    // One start did the work and got the credentials; the other waited for it and found everything done.
    const first = results.findIndex((r) => r.applied.length > 0);
    const second = 1 - first;
    expect(results[first]!.applied).toContain('007-change-order');
    expect(results[second]!.applied).toEqual([]);
    expect(results[first]!.seeded.demo?.seeded).toBe(true);
    expect(results[second]!.seeded.demo?.seeded).toBe(false);
    expect(results[first]!.demoCredentials).toHaveLength(accounts.length);
    expect(results[second]!.demoCredentials).toBeNull();
    expect(logs[second]!.messages.some((m) => m.includes('waiting'))).toBe(true);
  });

  it('seeds once even when seeders bypass the start-up lock, thanks to the markers', async () => {
    const url = await emptyPostgresDatabase();
    const [one, two] = [openStore({ databaseUrl: url, poolSize: 2 }), openStore({ databaseUrl: url, poolSize: 2 })] as const;
    stores.push(one, two);
    await migrateToLatest(one);
    // The second claimer waits on the first's marker; it then backs off, or gives up first if the server's lock
    // timeout is shorter than the first seeding. Either way nothing is seeded twice.
    const notices = await Promise.allSettled([seedDemoData(one.db), seedDemoData(two.db)]);
    expect(notices.filter((r) => r.status === 'fulfilled' && r.value.seeded)).toHaveLength(1);
    expect(refusals(notices)).toEqual([]);
    expect(await generatedNoticeCount(one)).toBe(DEMO_NOTICE_COUNT);
    const credentials = await Promise.allSettled([seedDemoAccounts(one.db), seedDemoAccounts(two.db)]);
    const created = credentials.flatMap((r) => (r.status === 'fulfilled' && r.value !== null ? [r.value] : []));
    expect(created).toHaveLength(1);
    expect(refusals(credentials)).toEqual([]);
    expect(await listDemoAccounts(one.db)).toHaveLength(created[0]!.length);
  });
});

/** Failures other than a lock wait cut short by the server's lock timeout. */
function refusals(results: PromiseSettledResult<unknown>[]): string[] {
  return results.flatMap((r) => (r.status === 'rejected' && !/lock timeout/.test(String(r.reason)) ? [String(r.reason)] : []));
}

describe('preparing one SQLite file twice', () => {
  it('seeds on the first start only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-prepare-'));
    try {
      const path = join(dir, 'liaison.sqlite');
      const first = openStore({ sqlitePath: path });
      const one = await prepare(first, recordingLogger()).finally(() => first.close());
      const again = openStore({ sqlitePath: path });
      try {
        const two = await prepare(again, recordingLogger());
        expect(one.applied.length).toBeGreaterThan(0);
        expect(one.seeded.demo?.seeded).toBe(true);
        expect(one.demoCredentials?.length).toBeGreaterThan(0);
        expect(two).toMatchObject({ applied: [], seeded: { demo: { seeded: false } }, demoCredentials: null });
        expect(await generatedNoticeCount(again)).toBe(DEMO_NOTICE_COUNT);
        expect(await listDemoAccounts(again.db)).toHaveLength(one.demoCredentials!.length);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
