import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { openPlatform } from '../src/bootstrap.ts';
import { createLogger } from '../src/logger.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import { authenticateApiKey } from '../src/services/api-keys/authenticate-api-key.ts';
import { revokeApiKey } from '../src/services/api-keys/revoke-api-key.ts';
import { principalOf } from '../src/core/session-policy.ts';
import { getAgency, getUser, setUserDisabled } from '../src/storage/repositories/accounts.ts';
import { makeAgency, makeUser, type TestUser } from './portal-support.ts';

const me = (p: Platform, key: string | null, init: { method?: string; ip?: string } = {}) =>
  p.app.request('/api/v1/me', {
    method: init.method ?? 'GET',
    headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(init.ip ? { 'X-Forwarded-For': init.ip } : {}) },
  });

describe('API keys on /api/v1', () => {
  let p: Platform;
  let user: TestUser;
  beforeAll(async () => {
    p = await openPlatform(loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'false', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' }), createLogger('silent'));
    const agency = await makeAgency(p, { country: 'DE' });
    user = await makeUser(p, agency.id, ['officer']);
  });
  afterAll(async () => p.close());

  it('answers 401 with a JSON body and WWW-Authenticate without a valid key', async () => {
    for (const key of [null, 'nonsense', `lsn_${'0'.repeat(26)}_${'A'.repeat(43)}`]) {
      const res = await me(p, key);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('returns the caller with a good key, and the key is stored only as a hash', async () => {
    const created = await createApiKey(p.store.db, user.id, { name: 'test' }, { actorId: user.id, ip: null });
    const res = await me(p, created.key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { email: string }; roles: string[]; agency: { country: string } };
    expect(body.user.email).toBe(user.email);
    expect(body.roles).toEqual(['officer']);
    expect(body.agency.country).toBe('DE');
    const rows = await p.store.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.key.split('_').pop()!);
  });

  it('stops a revoked key at once', async () => {
    const created = await createApiKey(p.store.db, user.id, { name: 'to revoke' }, { actorId: user.id, ip: null });
    expect((await me(p, created.key)).status).toBe(200);
    const u = await getUser(p.store.db, user.id);
    const a = await getAgency(p.store.db, user.agencyId);
    await revokeApiKey(p.store.db, principalOf(u!, a!, 'test'), created.id, { ip: null });
    expect((await me(p, created.key)).status).toBe(401);
  });

  it('refuses an expired key', async () => {
    const created = await createApiKey(p.store.db, user.id, { name: 'old', expiresDays: 1 }, { actorId: user.id, ip: null, now: new Date(Date.now() - 2 * 86_400_000) });
    expect((await me(p, created.key)).status).toBe(401);
  });

  it('refuses writes with a read-only key', async () => {
    const created = await createApiKey(p.store.db, user.id, { name: 'ro', readOnly: true }, { actorId: user.id, ip: null });
    expect((await me(p, created.key)).status).toBe(200);
    // No API route writes yet (the notice workflow adds them); the key check itself refuses every unsafe method.
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      await expect(authenticateApiKey(p.store.db, `Bearer ${created.key}`, '127.0.0.1', method, new Date()), method).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(authenticateApiKey(p.store.db, `Bearer ${created.key}`, '127.0.0.1', 'GET', new Date())).resolves.toMatchObject({ readOnly: true });
  });

  it('honours allowed addresses', async () => {
    const created = await createApiKey(p.store.db, user.id, { name: 'net', allowedAddresses: ['203.0.113.0/24'] }, { actorId: user.id, ip: null });
    expect((await me(p, created.key, { ip: '203.0.113.9' })).status).toBe(200);
    expect((await me(p, created.key, { ip: '198.51.100.9' })).status).toBe(403);
  });

  it('stops the keys of a disabled user at once', async () => {
    const other = await makeUser(p, user.agencyId, ['officer']);
    const created = await createApiKey(p.store.db, other.id, { name: 'x' }, { actorId: other.id, ip: null });
    expect((await me(p, created.key)).status).toBe(200);
    await p.store.db.transaction().execute((trx) => setUserDisabled(trx, other.id, new Date().toISOString(), new Date().toISOString()));
    expect((await me(p, created.key)).status).toBe(401);
  });

  it('refuses invalid key settings with a 400', async () => {
    await expect(createApiKey(p.store.db, user.id, { name: 'bad', allowedAddresses: ['example.org'] }, { actorId: user.id, ip: null })).rejects.toMatchObject({ status: 400 });
  });
});

describe('API keys in the portal', () => {
  it('lists, creates (shown once) and revokes the user’s own keys', async () => {
    const { Client, openTestPlatform } = await import('./portal-support.ts');
    const p = await openTestPlatform();
    try {
      const agency = await makeAgency(p);
      const officer = await makeUser(p, agency.id, ['officer']);
      const c = new Client(p);
      await c.signIn(officer);
      const first = await c.get('/portal/api-keys');
      expect(first.status, await first.clone().text()).toBe(200);
      const created = await c.post('/portal/api-keys', { name: 'national system', days: '30', addresses: '' }, { tokenFrom: '/portal/api-keys' });
      expect(created.status).toBe(200);
      const key = /lsn_[0-9a-z]{26}_[A-Za-z0-9_-]{43}/.exec(await created.text())?.[0];
      expect(key).toBeTruthy();
      expect((await me(p, key!)).status).toBe(200);
      expect(await c.page('/portal/api-keys')).not.toContain(key!);
      const id = key!.split('_')[1]!;
      const revoked = await c.post(`/portal/api-keys/${id}/revoke`, {}, { tokenFrom: '/portal/api-keys' });
      expect(revoked.status).toBe(303);
      expect((await me(p, key!)).status).toBe(401);
      const refused = await c.post('/portal/api-keys', { name: 'no token', days: '30' }, { tokenFrom: undefined, origin: 'https://evil.example' });
      expect(refused.status).toBe(403);
    } finally {
      await p.close();
    }
  });
});
