import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import { roles } from '../../core/principal.ts';
import type { Store } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { formatDemoCredentials, seedDemoAccounts } from './seed-demo-accounts.ts';

describe.each(dialects)('demo accounts on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('creates agencies in several countries and a user of every role once, with random credentials', async () => {
    const creds = await seedDemoAccounts(store.db, { issuer: 'Demo Office' });
    expect(creds).not.toBeNull();
    const agencies = await listAgencies(store.db);
    expect(new Set(agencies.map((a) => a.country)).size).toBeGreaterThanOrEqual(4);
    expect(agencies.filter((a) => a.isOffice)).toHaveLength(1);
    expect(agencies.every((a) => a.isDemo)).toBe(true);
    for (const r of roles) expect(creds!.some((c) => c.roles.includes(r)), r).toBe(true);
    expect(new Set(creds!.map((c) => c.password)).size).toBe(creds!.length);
    expect(creds![0]!.otpauthUri).toMatch(/^otpauth:\/\/totp\/Demo%20Office:/);
    const text = formatDemoCredentials(creds!);
    expect(text).toContain('DEMO');
    expect(text).toContain(creds![0]!.password);
    expect(await seedDemoAccounts(store.db)).toBeNull();
  });
});
