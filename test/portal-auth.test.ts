import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../src/core/session-policy.ts';
import { resolveSession } from '../src/services/sessions/resolve-session.ts';
import { setUserStatus } from '../src/services/accounts/set-user-status.ts';
import { Client, csrfIn, makeAgency, makeUser, openTestPlatform, totpCode, type TestUser } from './portal-support.ts';

let p: Platform;
let agencyId: string;
beforeAll(async () => {
  p = await openTestPlatform();
  agencyId = (await makeAgency(p, { isOffice: true })).id;
});
afterAll(async () => p.close());

/** Every page of the portal that a fully signed-in user could reach. */
const pages = ['/portal', '/portal/account', '/portal/admin/users', '/portal/admin/agencies', '/portal/reauth', '/portal/enrol', '/fr/portal', '/fr/portal/account'];
/** Every form action (ids are placeholders: the request must be refused before any lookup). */
const actions = [
  '/portal/sign-out-everywhere', '/portal/account/password', '/portal/account/recovery-codes', '/portal/account/passkeys/options',
  '/portal/account/passkeys/x/delete', '/portal/reauth', '/portal/enrol', '/portal/admin/agencies', '/portal/admin/agencies/x/disable',
  '/portal/admin/agencies/x/enable', '/portal/admin/users', '/portal/admin/users/x/roles', '/portal/admin/users/x/disable',
  '/portal/admin/users/x/enable', '/portal/admin/users/x/reset-factors', '/portal/admin/users/x/invite',
];

describe('sign-in', () => {
  it('signs in with password and TOTP, and serves portal pages never cached nor indexed', async () => {
    const u = await makeUser(p, agencyId, ['admin']);
    const c = new Client(p);
    await c.signIn(u);
    const res = await c.get('/portal');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('name="robots" content="noindex');
    expect(html).toContain(u.name);
    const fr = await (await c.get('/fr/portal')).text();
    expect(fr).toContain('Bienvenue');
  });

  it('sets a HttpOnly SameSite=Lax cookie whose security follows PUBLIC_URL, not the Host header', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    // The test platform's public URL is plain http on this machine (development): no prefix, no Secure.
    const local = await new Client(p).signInPassword(u);
    const cookie = local.headers.getSetCookie().find((l) => l.startsWith('liaison_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    // A Host header naming https changes nothing: the configuration decides.
    const spoofed = await p.app.request('https://portal.example/portal/sign-in');
    expect(spoofed.headers.getSetCookie().join('\n')).toMatch(/^liaison_pre=/m);
    // With an https public URL every cookie is __Host- and Secure, even for a request that arrives as plain http.
    const secure = await openTestPlatform({ PUBLIC_URL: 'https://office.example' });
    try {
      for (const url of ['http://localhost/portal/sign-in', 'http://127.0.0.1/portal/sign-in', 'https://office.example/portal/sign-in']) {
        const set = (await secure.app.request(url)).headers.getSetCookie().join('\n');
        expect(set, url).toMatch(/^__Host-liaison_pre=[^;]+;.*Secure/m);
        expect(set, url).not.toMatch(/^liaison_pre=/m);
      }
    } finally {
      await secure.close();
    }
  });

  it('with only the password, reaches nothing but the second-factor page', async () => {
    const u = await makeUser(p, agencyId, ['admin', 'auditor', 'officer']);
    const c = new Client(p);
    expect((await c.signInPassword(u)).status).toBe(303);
    const mfa = await c.get('/portal/mfa');
    expect(mfa.status).toBe(200);
    const token = csrfIn(await mfa.text());
    for (const path of [...pages, '/portal/audit', '/portal/api-keys']) {
      const res = await c.get(path);
      expect(res.status, path).not.toBe(200);
      if (res.status === 303) expect(res.headers.get('location'), path).toMatch(/\/portal\/mfa$/);
    }
    for (const path of actions) {
      const res = await c.post(path, { _csrf: token, code: '123456', password: 'x', name: 'n', email: 'e@x.test', code2: '' });
      expect([401, 303], path).toContain(res.status);
      if (res.status === 303) expect(res.headers.get('location'), path).toMatch(/\/portal\/(mfa|sign-in)/);
    }
  });

  it('accepts a TOTP code once only', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const code = totpCode(u.totpSecret);
    const a = new Client(p);
    await a.signInPassword(u);
    expect((await a.post('/portal/mfa/totp', { code }, { tokenFrom: '/portal/mfa' })).status).toBe(303);
    const b = new Client(p);
    await b.signInPassword(u);
    const replay = await b.post('/portal/mfa/totp', { code }, { tokenFrom: '/portal/mfa' });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('Codes work once only');
  });

  it('accepts a recovery code once, as the second factor', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const c = new Client(p);
    await c.signIn(u);
    const codesPage = await (await c.post('/portal/account/recovery-codes', {})).text();
    const codes = [...codesPage.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const d = new Client(p);
    await d.signInPassword(u);
    expect((await d.post('/portal/mfa/recovery', { code: codes[0]!.toUpperCase() }, { tokenFrom: '/portal/mfa' })).status).toBe(303);
    const e = new Client(p);
    await e.signInPassword(u);
    expect((await e.post('/portal/mfa/recovery', { code: codes[0]! }, { tokenFrom: '/portal/mfa' })).status).toBe(401);
  });

  it('answers unknown and known accounts alike', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
    const known = await new Client(p).signInPassword({ email: u.email, password: 'wrong password entirely' });
    const unknown = await new Client(p).signInPassword({ email: 'nobody@agency.test', password: 'wrong password entirely' });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(strip(await known.text()).replace(u.email, 'E')).toBe(strip(await unknown.text()).replace('nobody@agency.test', 'E'));
    // Both pay one argon2 verification (a decoy hash for the unknown one). The fastest of three tries each keeps a
    // loaded machine's jitter out; a skipped hash would be about 100 times faster, far below a tenth.
    const fastest = async (email: string, password: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await new Client(p).signInPassword({ email, password });
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    const tUnknown = await fastest('nobody2@agency.test', 'wrong password entirely');
    const tKnown = await fastest(u.email, 'wrong password again!');
    expect(tUnknown).toBeGreaterThan(tKnown / 10);
  });
});

describe('throttling', () => {
  it('locks an account after repeated failures, even for the right password, without telling known from unknown', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    for (let i = 0; i < 5; i++) expect((await new Client(p).signInPassword({ email: u.email, password: `wrong guess ${i}` })).status).toBe(401);
    expect((await new Client(p).signInPassword({ email: u.email, password: 'wrong guess 6' })).status).toBe(401);
    const locked = await new Client(p).signInPassword(u);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed attempts');
    for (let i = 0; i < 6; i++) await new Client(p).signInPassword({ email: 'ghost@agency.test', password: `wrong guess ${i}` });
    expect((await new Client(p).signInPassword({ email: 'ghost@agency.test', password: 'x' })).status).toBe(429);
  });

  it('limits failures per address across accounts', async () => {
    const c = new Client(p);
    for (let i = 0; i < 30; i++) await c.signInPassword({ email: `spray${i}@agency.test`, password: 'Spring2026!' });
    const u = await makeUser(p, agencyId, ['officer']);
    expect((await c.signInPassword(u)).status).toBe(429);
    expect((await new Client(p).signInPassword(u)).status).toBe(303);
  });

  it('throttles wrong second-factor codes', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const c = new Client(p);
    await c.signInPassword(u);
    const token = csrfIn(await c.page('/portal/mfa'));
    for (let i = 0; i < 6; i++) await c.post('/portal/mfa/totp', { _csrf: token, code: '000000' });
    const res = await c.post('/portal/mfa/totp', { _csrf: token, code: totpCode(u.totpSecret) });
    expect(res.status).toBe(429);
  });
});

describe('sessions', () => {
  async function signedIn(roles: TestUser extends never ? never : Parameters<typeof makeUser>[2] = ['officer']) {
    const u = await makeUser(p, agencyId, roles);
    const c = new Client(p);
    await c.signIn(u);
    return { u, c };
  }

  it('refuses existing sessions at once when the account is disabled', async () => {
    const admin = await signedIn(['admin']);
    const { u, c } = await signedIn();
    expect((await c.get('/portal/account')).status).toBe(200);
    const page = await admin.c.page(`/portal/admin/users/${u.id}`);
    expect((await admin.c.post(`/portal/admin/users/${u.id}/disable`, { _csrf: csrfIn(page) })).status).toBe(303);
    const res = await c.get('/portal/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal/sign-in');
    expect((await new Client(p).signInPassword(u)).status).toBe(401);
  });

  it('refuses sessions when the agency is disabled', async () => {
    const office = await signedIn(['admin']);
    const other = await makeAgency(p);
    const u = await makeUser(p, other.id, ['officer']);
    const c = new Client(p);
    await c.signIn(u);
    const page = await office.c.page('/portal/admin/agencies');
    expect((await office.c.post(`/portal/admin/agencies/${other.id}/disable`, { _csrf: csrfIn(page) })).status).toBe(303);
    expect((await c.get('/portal')).status).toBe(303);
  });

  it('signs out, and signs out everywhere', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const a = new Client(p);
    const b = new Client(p);
    await a.signIn(u, 0);
    await b.signIn(u, 1);
    const c = new Client(p);
    const r = await (async () => {
      const u2 = await makeUser(p, agencyId, ['officer']);
      await c.signIn(u2);
      return c.post('/portal/sign-out', {});
    })();
    expect(r.status).toBe(303);
    expect((await c.get('/portal')).status).toBe(303);
    expect((await a.post('/portal/sign-out-everywhere', {})).status).toBe(303);
    expect((await a.get('/portal')).status).toBe(303);
    expect((await b.get('/portal')).status).toBe(303);
  });

  it('ends sessions after 30 idle minutes and after 12 hours whatever the activity', async () => {
    const { c } = await signedIn();
    const token = c.cookies.get('liaison_session')!;
    const db = p.store.db;
    const start = Date.now();
    expect(await resolveSession(db, token, new Date(start + SESSION_IDLE_MS - 90_000))).not.toBeNull();
    // Activity every 20 minutes keeps it alive until the absolute limit.
    let t = start + SESSION_IDLE_MS - 90_000;
    while (t + 20 * 60_000 < start + SESSION_ABSOLUTE_MS) {
      t += 20 * 60_000;
      expect(await resolveSession(db, token, new Date(t))).not.toBeNull();
    }
    expect(await resolveSession(db, token, new Date(start + SESSION_ABSOLUTE_MS + 1000))).toBeNull();
    const other = await signedIn();
    const token2 = other.c.cookies.get('liaison_session')!;
    expect(await resolveSession(db, token2, new Date(Date.now() + SESSION_IDLE_MS + 1000))).toBeNull();
    expect((await other.c.get('/portal')).status).toBe(303);
  });

  it('ends every other session when the password changes', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const a = new Client(p);
    const b = new Client(p);
    await a.signIn(u, 0);
    await b.signIn(u, 1);
    const res = await a.post('/portal/account/password', { current: u.password, password: 'a completely new passphrase here' });
    expect(res.status).toBe(303);
    expect((await a.get('/portal/account')).status).toBe(200);
    expect((await b.get('/portal/account')).status).toBe(303);
  });

  it('refuses a weak new password with the reason', async () => {
    const { u, c } = await signedIn();
    const res = await c.post('/portal/account/password', { current: u.password, password: 'password1234' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('too common');
  });

  it('asks for re-authentication before factor changes after 5 minutes', async () => {
    const { c } = await signedIn();
    await p.store.db.updateTable('sessions').set({ reauth_at: new Date(Date.now() - 6 * 60_000).toISOString() }).execute();
    const res = await c.post('/portal/account/recovery-codes', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/portal\/reauth\?next=/);
    expect((await c.get('/portal/enrol')).headers.get('location')).toMatch(/^\/portal\/reauth/);
  });
});

describe('CSRF', () => {
  it('refuses every portal form without the token, with a wrong token, and from another origin', async () => {
    const u = await makeUser(p, agencyId, ['admin']);
    const c = new Client(p);
    await c.signIn(u);
    const token = csrfIn(await c.page('/portal/account'));
    for (const path of [...actions, '/portal/sign-out', '/portal/sign-in', '/portal/invite', '/portal/mfa/totp']) {
      expect((await c.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })).status, `${path} no token`).toBe(403);
      expect((await c.post(path, { _csrf: `${token.slice(0, -2)}xx` })).status, `${path} wrong token`).toBe(403);
      expect((await c.post(path, { _csrf: token }, { origin: 'https://evil.example' })).status, `${path} origin`).toBe(403);
      expect((await c.post(path, { _csrf: token }, { origin: null })).status, `${path} no origin`).toBe(403);
    }
    // JSON endpoints need the header token as well.
    const json = await c.request('/portal/account/passkeys/options', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(403);
    expect((await c.get('/portal')).status).toBe(200);
  });

  it('protects the sign-in form with a double-submit token before any session', async () => {
    const u = await makeUser(p, agencyId, ['officer']);
    const c = new Client(p);
    const token = csrfIn(await c.page('/portal/sign-in'));
    const other = new Client(p);
    await other.page('/portal/sign-in');
    expect((await other.post('/portal/sign-in', { _csrf: token, email: u.email, password: u.password })).status).toBe(403);
    expect((await c.post('/portal/sign-in', { _csrf: token, email: u.email, password: u.password })).status).toBe(303);
  });
});

describe('disabling through services', () => {
  it('cannot disable oneself', async () => {
    const u = await makeUser(p, agencyId, ['admin']);
    const c = new Client(p);
    await c.signIn(u);
    const page = await c.page(`/portal/admin/users/${u.id}`);
    expect(page).toContain('another administrator must');
    expect((await c.post(`/portal/admin/users/${u.id}/disable`, { _csrf: csrfIn(page) })).status).toBe(409);
    const principal = { userId: u.id, email: u.email, name: u.name, agencyId, agencyCode: 'X', country: 'DE', agencyIsOffice: true, roles: ['admin' as const], via: 'session' as const, readOnly: false, sessionId: null, apiKeyId: null };
    await expect(setUserStatus(p.store.db, principal, u.id, true, { now: new Date(), ip: null, userAgent: null })).rejects.toThrow(/cannot_change_own_status/);
  });
});

describe('request limits', () => {
  it('refuses oversized form posts before reading them', async () => {
    const c = new Client(p);
    const res = await c.request('/portal/sign-in', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(70_000)}` });
    expect(res.status).toBe(413);
  });
});
