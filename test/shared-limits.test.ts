/** The sign-in budget is one budget per client across every instance on the database; the others stay per instance. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { takeRateToken } from '../src/services/operations/take-rate-token.ts';
import { openStore, toCount, type Store } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { createLimiters, limiterBudgets } from '../src/web/pipeline/limiters.ts';
import { openTestApp } from './api-support.ts';
import { emptyPostgresDatabase } from './support/empty-database.ts';
import { dialects, freshStore } from './support/stores.ts';

const signIn = limiterBudgets['sign-in'];
const t0 = Date.parse('2026-03-01T10:00:00Z');

async function bucketKeys(store: Store): Promise<string[]> {
  return (await store.db.selectFrom('rate_buckets').select('key').orderBy('key').execute()).map((r) => r.key);
}

describe.each(dialects)('a shared rate budget on %s', (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => store.close());

  it('allows the burst, then asks to wait, then refills at the budget rate', async () => {
    const limiter = createLimiters(store.db)['sign-in'];
    const waits: number[] = [];
    for (let i = 0; i < signIn.burst + 1; i++) waits.push(await limiter.take('198.51.100.7', t0));
    expect(waits.slice(0, signIn.burst).every((w) => w === 0)).toBe(true);
    expect(waits.at(-1)).toBe(Math.ceil(1 / signIn.ratePerSecond));
    // Another client has its own bucket; the first gets tokens back as time passes, and no more than it earned.
    expect(await limiter.take('198.51.100.8', t0)).toBe(0);
    const later = t0 + (2 / signIn.ratePerSecond) * 1000;
    expect([await limiter.take('198.51.100.7', later), await limiter.take('198.51.100.7', later), await limiter.take('198.51.100.7', later)]).toEqual([
      0,
      0,
      1,
    ]);
    // A clock behind the last writer's gives nothing back, and takes nothing it has not got.
    expect(await limiter.take('198.51.100.7', t0)).toBeGreaterThan(0);
  });

  it('counts concurrent takes exactly', async () => {
    const waits = await Promise.all(Array.from({ length: 50 }, () => takeRateToken(store.db, 'sign-in', '192.0.2.1', signIn, t0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(signIn.burst);
  });

  it('purges buckets untouched for an hour when it next takes a token', async () => {
    await takeRateToken(store.db, 'sign-in', '192.0.2.10', signIn, t0);
    await takeRateToken(store.db, 'sign-in', '192.0.2.11', signIn, t0 + 30 * 60_000);
    await takeRateToken(store.db, 'sign-in', '192.0.2.12', signIn, t0 + 61 * 60_000);
    expect(await bucketKeys(store)).toEqual(['sign-in 192.0.2.11', 'sign-in 192.0.2.12']);
  });
});

describe('the sign-in budget across two instances on one PostgreSQL database', () => {
  const stores: Store[] = [];
  const platforms: Platform[] = [];
  let url = '';
  beforeEach(async () => {
    url = await emptyPostgresDatabase();
    const store = openStore({ databaseUrl: url, poolSize: 4 });
    await migrateToLatest(store);
    stores.push(store, openStore({ databaseUrl: url, poolSize: 4 }));
  });
  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((p) => p.close()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('lets two limiters together allow one burst, where per-instance buckets would allow two', async () => {
    const shared = stores.map((s) => createLimiters(s.db)['sign-in']);
    const local = [createLimiters()['sign-in'], createLimiters()['sign-in']];
    const ip = '203.0.113.9';
    const sharedWaits = await Promise.all(Array.from({ length: 2 * signIn.burst }, (_, i) => shared[i % 2]!.take(ip, t0)));
    const localWaits = await Promise.all(Array.from({ length: 2 * signIn.burst }, (_, i) => local[i % 2]!.take(ip, t0)));
    expect(sharedWaits.filter((w) => w === 0)).toHaveLength(signIn.burst);
    expect(localWaits.filter((w) => w === 0)).toHaveLength(2 * signIn.burst);
    const row = await stores[0]!.db.selectFrom('rate_buckets').select(['tokens', 'granted']).where('key', '=', `sign-in ${ip}`).executeTakeFirstOrThrow();
    expect(toCount(row.granted)).toBe(0);
  });

  it('answers 429 from either app once the two together have spent the budget', async () => {
    platforms.push(await openTestApp(stores[0]!, { TRUST_PROXY: 'true' }), await openTestApp(stores[1]!, { TRUST_PROXY: 'true' }));
    const attempt = (i: number) =>
      platforms[i % 2]!.app.request('/portal/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.77' },
        body: 'email=nobody%40agency.test&password=wrong',
      });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 2 * signIn.burst; i++) statuses.push((await attempt(i)).status);
    const refilled = Math.ceil(((Date.now() - started) / 1000) * signIn.ratePerSecond);
    // Each form was refused before the password check (no CSRF token) but still spent a token of the shared budget;
    // per-instance buckets would have let all of them through.
    const admitted = statuses.filter((s) => s !== 429).length;
    expect(admitted).toBeGreaterThanOrEqual(signIn.burst);
    expect(admitted).toBeLessThanOrEqual(signIn.burst + refilled);
    expect(statuses.slice(0, signIn.burst).every((s) => s !== 429)).toBe(true);
    const another = await platforms[0]!.app.request('/portal/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.78' },
      body: 'email=nobody%40agency.test&password=wrong',
    });
    expect(another.status).not.toBe(429);
  });
});
