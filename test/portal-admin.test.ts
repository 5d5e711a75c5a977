import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { INVITE_LIFETIME_MS } from '../src/core/session-policy.ts';
import { acceptInvite, findUsableInvite } from '../src/services/accounts/accept-invite.ts';
import { Client, csrfIn, makeAgency, makeUser, openTestPlatform, totpCode, type TestUser } from './portal-support.ts';

let p: Platform;
let office: { id: string; code: string };
let agencyA: { id: string; code: string };
let agencyB: { id: string; code: string };
beforeAll(async () => {
  p = await openTestPlatform();
  office = await makeAgency(p, { isOffice: true, country: 'BE' });
  agencyA = await makeAgency(p, { country: 'DE' });
  agencyB = await makeAgency(p, { country: 'HR' });
});
afterAll(async () => p.close());

async function signedIn(agencyId: string, roles: Parameters<typeof makeUser>[2]): Promise<{ u: TestUser; c: Client }> {
  const u = await makeUser(p, agencyId, roles);
  const c = new Client(p);
  await c.signIn(u);
  return { u, c };
}

const inviteTokenIn = (html: string): string => /\/portal\/invite\/([A-Za-z0-9_-]{43})/.exec(html)![1]!;

describe('administration', () => {
  it('creates a user with an invite link; the invitee sets a password, enrols TOTP and gets recovery codes', async () => {
    const { c } = await signedIn(office.id, ['admin']);
    const form = await c.page('/portal/admin/users');
    const res = await c.post('/portal/admin/users', {
      _csrf: csrfIn(form), name: 'Nina Newcomer', email: 'Nina.Newcomer@Agency.test', agencyId: agencyA.id, roles: ['officer', 'editor'],
    });
    expect(res.status).toBe(200);
    const token = inviteTokenIn(await res.text());

    const invitee = new Client(p);
    const invitePage = await invitee.page(`/portal/invite/${token}`);
    expect(invitePage).toContain('nina.newcomer@agency.test');
    const weak = await invitee.post('/portal/invite', { _csrf: csrfIn(invitePage), token, password: 'newcomer nina 2026' });
    expect(weak.status).toBe(400);
    const ok = await invitee.post('/portal/invite', { _csrf: csrfIn(invitePage), token, password: 'quiet orchard telescope' });
    expect(ok.headers.get('location')).toBe('/portal/enrol');
    // Enrolment session: nothing else is reachable.
    expect((await invitee.get('/portal')).headers.get('location')).toBe('/portal/enrol');
    const enrol = await invitee.page('/portal/enrol');
    expect(enrol).toContain('data:image/svg+xml;base64,');
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(enrol)![1]!.replace(/ /g, '');
    const wrong = await invitee.post('/portal/enrol', { _csrf: csrfIn(enrol), code: '000000' });
    expect(wrong.status).toBe(400);
    const done = await invitee.post('/portal/enrol', { _csrf: csrfIn(enrol), code: totpCode(secret) });
    expect(done.status).toBe(200);
    expect([...(await done.text()).matchAll(/<code>[a-z2-9-]{14}<\/code>/g)]).toHaveLength(10);
    expect((await invitee.get('/portal')).status).toBe(200);
    // The link works once.
    expect((await new Client(p).get(`/portal/invite/${token}`)).status).toBe(404);
  });

  it('lets invites expire after 72 hours', async () => {
    const { c } = await signedIn(office.id, ['admin']);
    const res = await c.post('/portal/admin/users', {
      _csrf: csrfIn(await c.page('/portal/admin/users')), name: 'Late Comer', email: 'late@agency.test', agencyId: agencyA.id, roles: ['officer'],
    });
    const token = inviteTokenIn(await res.text());
    const db = p.store.db;
    const later = new Date(Date.now() + INVITE_LIFETIME_MS + 1000);
    await expect(findUsableInvite(db, token, new Date(Date.now() + INVITE_LIFETIME_MS - 60_000))).resolves.toBeTruthy();
    await expect(findUsableInvite(db, token, later)).rejects.toThrow(/link_expired/);
    await expect(acceptInvite(db, { token, password: 'quiet orchard telescope' }, { now: later, ip: null, userAgent: null }, [])).rejects.toThrow(/link_expired/);
  });

  it('keeps reviewer and liaison roles inside the office', async () => {
    const { c } = await signedIn(office.id, ['admin']);
    const res = await c.post('/portal/admin/users', {
      _csrf: csrfIn(await c.page('/portal/admin/users')), name: 'Wrong Place', email: 'wrong@agency.test', agencyId: agencyA.id, roles: ['reviewer'],
    });
    expect(res.status).toBe(400);
  });

  it('assigns roles, takes effect at once, and refuses changing one’s own roles', async () => {
    const admin = await signedIn(office.id, ['admin']);
    const { u, c } = await signedIn(office.id, ['officer']);
    expect((await c.get('/portal/admin/users')).status).toBe(403);
    const page = await admin.c.page(`/portal/admin/users/${u.id}`);
    expect((await admin.c.post(`/portal/admin/users/${u.id}/roles`, { _csrf: csrfIn(page), roles: ['officer', 'auditor'] })).status).toBe(303);
    expect(await c.page('/portal')).toContain('Auditor');
    expect((await admin.c.post(`/portal/admin/users/${admin.u.id}/roles`, { _csrf: csrfIn(page), roles: ['admin', 'auditor'] })).status).toBe(403);
  });

  it('resets an active account’s factors only with a second administrator, ending its sessions and removing its factors', async () => {
    const admin = await signedIn(office.id, ['admin']);
    const second = await signedIn(office.id, ['admin']);
    const { u, c } = await signedIn(agencyA.id, ['officer']);
    const page = await admin.c.page(`/portal/admin/users/${u.id}`);
    // An active account gets no invite link: taking it over is a factor reset.
    expect(page).not.toContain(`/portal/admin/users/${u.id}/invite`);
    expect((await admin.c.post(`/portal/admin/users/${u.id}/invite`, { _csrf: csrfIn(page) })).status).toBe(409);
    // Never one's own account.
    expect((await admin.c.post(`/portal/admin/users/${admin.u.id}/reset-factors`, { _csrf: csrfIn(page), reason: 'lost phone' })).status).toBeGreaterThanOrEqual(400);
    const asked = await admin.c.post(`/portal/admin/users/${u.id}/reset-factors`, { _csrf: csrfIn(page), reason: 'lost phone, ticket 4711' });
    expect(asked.status).toBe(303);
    // The request alone changes nothing: the user is still signed in, and the requester cannot approve it.
    expect((await c.get('/portal')).status).toBe(200);
    const pending = await admin.c.page(`/portal/admin/users/${u.id}`);
    const requestId = /\/portal\/admin\/factor-resets\/([^/]+)\/approve/.exec(await second.c.page(`/portal/admin/users/${u.id}`))![1]!;
    expect(pending).not.toContain(`/factor-resets/${requestId}/approve`);
    expect((await admin.c.post(`/portal/admin/factor-resets/${requestId}/approve`, { _csrf: csrfIn(pending) })).status).toBeGreaterThanOrEqual(400);
    expect((await c.get('/portal')).status).toBe(200);
    const res = await second.c.post(`/portal/admin/factor-resets/${requestId}/approve`, {}, { tokenFrom: `/portal/admin/users/${u.id}` });
    expect(res.status).toBe(200);
    expect(inviteTokenIn(await res.text())).toHaveLength(43);
    expect((await c.get('/portal')).status).toBe(303);
    // Password and factors are gone: the old password leads nowhere, only the new link does.
    const again = await new Client(p).signInPassword(u);
    expect(again.status).toBe(401);
    const factors = await p.store.db.selectFrom('user_totp').select('user_id').where('user_id', '=', u.id).execute();
    expect(factors).toHaveLength(0);
  });

  it('creates, disables and re-enables agencies (office administrators only)', async () => {
    const { c } = await signedIn(office.id, ['admin']);
    const page = await c.page('/portal/admin/agencies');
    expect((await c.post('/portal/admin/agencies', { _csrf: csrfIn(page), code: 'fr-dgd', name: 'Customs (fictional)', country: 'FR' })).status).toBe(303);
    expect(await c.page('/portal/admin/agencies')).toContain('FR-DGD');
    expect((await c.post('/portal/admin/agencies', { _csrf: csrfIn(page), code: 'FR-DGD', name: 'Again', country: 'FR' })).status).toBe(409);
    expect((await c.post('/portal/admin/agencies', { _csrf: csrfIn(page), code: 'XX-1', name: 'Nowhere', country: 'QQ' })).status).toBe(400);
    const local = await signedIn(agencyA.id, ['admin']);
    expect((await local.c.get('/portal/admin/agencies')).status).toBe(403);
  });

  it('shows administrators no personal data of notices or cases by that role alone', async () => {
    const { c } = await signedIn(office.id, ['admin']);
    for (const path of ['/portal/audit', '/portal/api-keys']) expect((await c.get(path)).status, path).not.toBe(200);
  });
});

describe('agency boundaries', () => {
  it('an administrator of agency A can neither read nor change agency B’s accounts through any route', async () => {
    const adminA = await signedIn(agencyA.id, ['admin']);
    const userB = await makeUser(p, agencyB.id, ['officer']);
    const userA = await makeUser(p, agencyA.id, ['officer']);
    const list = await adminA.c.page('/portal/admin/users');
    expect(list).toContain(userA.email);
    expect(list).not.toContain(userB.email);
    expect(await adminA.c.page(`/portal/admin/users?agency=${agencyB.id}`)).not.toContain(userB.email);
    expect((await adminA.c.get(`/portal/admin/users/${userB.id}`)).status).toBe(404);
    const token = csrfIn(list);
    for (const action of ['roles', 'disable', 'enable', 'reset-factors', 'invite']) {
      const res = await adminA.c.post(`/portal/admin/users/${userB.id}/${action}`, { _csrf: token, roles: ['officer', 'admin'], reason: 'probing another agency' });
      expect(res.status, action).toBe(404);
    }
    const create = await adminA.c.post('/portal/admin/users', { _csrf: token, name: 'Sneaky Insert', email: 'sneaky@agency.test', agencyId: agencyB.id, roles: ['admin'] });
    expect(create.status).toBe(404);
    for (const action of ['disable', 'enable']) expect((await adminA.c.post(`/portal/admin/agencies/${agencyB.id}/${action}`, { _csrf: token })).status).toBe(403);
    // B's user still works, unchanged.
    const c = new Client(p);
    await c.signIn(userB);
    expect(await c.page('/portal')).toContain('Officer');
  });

  it('a user cannot remove another user’s passkey', async () => {
    const a = await signedIn(agencyA.id, ['officer']);
    const b = await makeUser(p, agencyB.id, ['officer']);
    await p.store.db
      .insertInto('passkeys')
      .values({ id: 'pk-of-b', user_id: b.id, credential_id: 'cred-b', public_key: 'AA', counter: 0, transports: '[]', name: 'B key', created_at: new Date().toISOString(), last_used_at: null })
      .execute();
    expect((await a.c.post('/portal/account/passkeys/pk-of-b/delete', {})).status).toBe(404);
    const left = await p.store.db.selectFrom('passkeys').select('id').where('id', '=', 'pk-of-b').execute();
    expect(left).toHaveLength(1);
  });
});
