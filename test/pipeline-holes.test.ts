/**
 * Regression tests for what the hand-wired routes let through and the pipeline closes: rate limits on every route with
 * one budget per client across language prefixes, page-cache keys, body-parse failures, error pages in the reader's
 * language, the portal's own 404 and canonical URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { limiterBudgets } from '../src/web/pipeline/limiters.ts';
import { createNotice, wantedInput } from './api-support.ts';
import { Client, csrfIn, makeAgency, makeUser, nextIp, openTestPlatform, ORIGIN } from './portal-support.ts';

describe('the request pipeline closes', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => p.close());

  const from = (ip: string, path: string, init: RequestInit = {}) =>
    p.app.request(`${ORIGIN}${path}`, { ...init, headers: { 'x-forwarded-for': ip, ...(init.headers as Record<string, string> | undefined) } });

  /** Sends requests until one is refused; returns the refusal (or undefined if the budget was never spent). */
  async function exhaust(ip: string, paths: string[], limit: number): Promise<Response | undefined> {
    for (let i = 0; i < limit * 2 + 20; i++) {
      const res = await from(ip, paths[i % paths.length]!);
      if (res.status === 429) return res;
    }
    return undefined;
  }

  it('rate-limits /api/v1/me and /healthz, with Retry-After', async () => {
    for (const [path, budget] of [['/api/v1/me', limiterBudgets.api.burst], ['/healthz', limiterBudgets.probe.burst]] as const) {
      const refused = await exhaust(nextIp(), [path], budget);
      expect(refused?.status, path).toBe(429);
      expect(Number(refused!.headers.get('retry-after')), path).toBeGreaterThan(0);
    }
  });

  it('gives a client one budget across language prefixes', async () => {
    const ip = nextIp();
    const { burst: budget, ratePerSecond } = limiterBudgets.public;
    let served = 0;
    const started = performance.now();
    for (let i = 0; i < budget + 30; i++) {
      const res = await from(ip, i % 2 === 0 ? '/about' : '/fr/about');
      if (res.status === 200) served++;
    }
    // The bucket refills while the loop runs (more on a busy machine): at most that many beyond the burst. A budget per
    // prefix would have served every one of the requests.
    const refilled = Math.ceil(((performance.now() - started) / 1000) * ratePerSecond);
    expect(served).toBeLessThanOrEqual(budget + refilled);
    expect(served).toBeLessThan(budget + 30);
    expect(served).toBeGreaterThanOrEqual(budget);
  });

  it('keys the page cache on the values a page reads, so a repeated parameter cannot serve another query', async () => {
    await createNotice(p.store.db, wantedInput({ familyName: 'Quillbrook', forename: 'Anselm' }));
    await createNotice(p.store.db, wantedInput({ familyName: 'Marrowind', forename: 'Beatrix' }));
    const first = await (await from(nextIp(), '/notices?q=Quillbrook&q=Marrowind')).text();
    const second = await (await from(nextIp(), '/notices?q=Marrowind&q=Quillbrook')).text();
    // The page reads the first value: each order gets its own results (the forenames appear only in result cards).
    expect(first).toContain('Anselm');
    expect(first).not.toContain('Beatrix');
    expect(second).toContain('Beatrix');
    expect(second).not.toContain('Anselm');
  });

  it('answers a malformed multipart or JSON body with 400 on every portal form and JSON call', async () => {
    const agency = await makeAgency(p, { isOffice: true });
    const user = await makeUser(p, agency.id, ['admin', 'auditor', 'officer']);
    const c = new Client(p);
    await c.signIn(user);
    const token = csrfIn(await c.page('/portal/account'));
    // Signing out would end the session the sweep runs in; those two read no body anyway.
    const posts = [...new Set(p.app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/portal') && !r.path.includes('sign-out')).map((r) => r.path))];
    expect(posts.length).toBeGreaterThan(15);
    let refused = 0;
    for (const path of posts) {
      const concrete = path.replace(/:[a-zA-Z]+/g, 'x0');
      const multipart = await c.request(concrete, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=zzz', 'x-csrf-token': token },
        body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
      });
      // Forms that read a body refuse it with 400; the few that read none (sign-out) ignore it. None fails.
      expect(multipart.status, `multipart ${path}`).toBeLessThan(500);
      if (multipart.status === 400) refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(10);
    const json = await from(nextIp(), '/api/v1/match', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"names": [' });
    expect(json.status).toBe(400);
    expect((await json.json()) as unknown).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('renders error pages and JSON errors in the reader’s language', async () => {
    const fr = await from(nextIp(), '/fr/news/pas-de-telle-page');
    expect(fr.status).toBe(404);
    const html = await fr.text();
    expect(html).toContain('lang="fr"');
    expect(html).not.toContain('was not found');
    const frBad = await from(nextIp(), '/fr/news?page=abc');
    expect(frBad.status).toBe(400);
    expect(await frBad.text()).toContain('Certaines des valeurs envoyées ne sont pas valables');
    const api = await from(nextIp(), '/api/v1/notices/2026-99999');
    expect((await api.json()) as unknown).toMatchObject({ error: { code: 'not_found', key: expect.any(String) as string, message: expect.any(String) as string } });
  });

  it('gives unknown portal paths the portal’s own 404, and public ones a search box', async () => {
    for (const path of ['/portal/no-such-page', '/fr/portal/nothing/here']) {
      const res = await from(nextIp(), path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain('class="portal');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const pub = await from(nextIp(), '/no-such-page');
    expect(pub.status).toBe(404);
    expect(await pub.text()).toContain('role="search"');
  });

  it('redirects a trailing slash to the canonical URL, keeping the query', async () => {
    for (const [path, to] of [['/notices/', '/notices'], ['/fr/', '/fr'], ['/portal/', '/portal'], ['/notices/?q=x', '/notices?q=x']] as const) {
      const res = await from(nextIp(), path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location'), path).toBe(to);
    }
  });
});
