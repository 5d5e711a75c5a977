/**
 * The public notices protocol as existing clients use it: out-of-range ages clamped, the UN list answered empty,
 * browser clients allowed in (CORS, preflight, cross-origin photos) while the portal and keyed API stay closed, and a
 * rate budget that a crawler can live with, larger for a client with an API key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import { limiterBudgets } from '../src/web/pipeline/limiters.ts';
import { addImage, createNotice, missingInput, wantedInput } from './api-support.ts';
import { makeAgency, makeUser, nextIp, openTestPlatform } from './portal-support.ts';

describe('existing clients of the public notices protocol', () => {
  let p: Platform;
  let slug: string;
  let imageId: string;
  beforeAll(async () => {
    p = await openTestPlatform();
    const n = await createNotice(p.store.db, wantedInput());
    await createNotice(p.store.db, missingInput());
    imageId = (await addImage(p.store.db, n.id)).id;
    slug = n.reference.replace('/', '-');
  });
  afterAll(async () => p.close());

  const get = (path: string, init: RequestInit & { ip?: string } = {}) =>
    p.app.request(`http://localhost${path}`, { ...init, headers: { 'x-forwarded-for': init.ip ?? nextIp(), ...(init.headers as Record<string, string> | undefined) } });

  it('clamps out-of-range ages instead of refusing them', async () => {
    for (const q of ['ageMax=300', 'ageMin=-5', 'ageMin=-5&ageMax=300', 'ageMin=0&ageMax=150']) {
      const res = await get(`/notices/v1/red?${q}`);
      expect(res.status, q).toBe(200);
      expect(((await res.json()) as { total: number }).total, q).toBe(1);
    }
    expect((await get('/notices/v1/red?ageMax=old')).status).toBe(400);
  });

  it('answers the UN list as an empty, well-formed list and UN notices as the protocol’s 404', async () => {
    const res = await get('/notices/v1/un?name=Mustermann&resultPerPage=200');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; query: { page: number; resultPerPage: number }; _embedded: { notices: unknown[] }; _links: Record<string, { href: string }> };
    expect(body.total).toBe(0);
    expect(body._embedded.notices).toEqual([]);
    expect(body.query).toEqual({ page: 1, resultPerPage: 160 });
    expect(body._links.self?.href).toMatch(/\/notices\/v1\/un\?/);
    for (const path of ['/notices/v1/un/persons/2014-5590', '/notices/v1/un/entities/2014-5590/images', '/notices/v1/un/persons/2014-5590/images/1']) {
      const one = await get(path);
      expect(one.status, path).toBe(404);
      expect(((await one.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
  });

  it('opens the public read-only APIs and notice photos to other origins, without credentials', async () => {
    for (const path of ['/notices/v1/red', `/notices/v1/red/${slug}`, `/notices/v1/red/${slug}/images/${imageId}`, '/api/v1/notices', '/api/openapi.json', `/notices/${slug}/images/${imageId}`, '/feeds/notices.atom']) {
      const res = await get(path, { headers: { Origin: 'https://partner.example' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('access-control-allow-credentials'), path).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
    }
    const pre = await get('/api/v1/match', { method: 'OPTIONS', headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const listPre = await get('/notices/v1/yellow', { method: 'OPTIONS', headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET' } });
    expect(listPre.status).toBe(204);
  });

  it('keeps the portal, the public pages and the keyed API closed to other origins', async () => {
    for (const path of ['/portal/sign-in', '/api/v1/me', '/notices', `/notices/${slug}`]) {
      const res = await get(path, { headers: { Origin: 'https://partner.example' } });
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    expect((await get('/portal/sign-in', { method: 'OPTIONS' })).status).toBe(404);
    expect((await get(`/notices/${slug}`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('tells a client over budget when to come back, readable cross-origin, and lets a key raise the budget', async () => {
    const ip = nextIp();
    let refused: Response | undefined;
    for (let i = 0; i < limiterBudgets.compat.burst * 2 && !refused; i++) {
      const res = await get('/notices/v1/yellow', { ip });
      if (res.status === 429) refused = res;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('access-control-allow-origin')).toBe('*');
    // The same address with a key is charged to the key's own budget.
    const agency = await makeAgency(p);
    const user = await makeUser(p, agency.id, ['officer']);
    const { key } = await createApiKey(p.store.db, user.id, { name: 'mirror' }, { actorId: user.id, ip: null });
    for (let i = 0; i < limiterBudgets.compat.burst + 10; i++) {
      const res = await get('/notices/v1/yellow', { ip, headers: { Authorization: `Bearer ${key}` } });
      expect(res.status, `request ${i}`).toBe(200);
    }
    // A wrong key is refused and still costs the address.
    expect((await get('/notices/v1/yellow', { ip: nextIp(), headers: { Authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});
