/**
 * An agency outside a case learns nothing of it, through any surface: the case pages, their print and attachment
 * routes, the list with every filter, the portal's notice search, notifications, the statistics an office reader
 * sees as counts only, the audit trail of its own auditor, and every case call of the API. Each surface is also
 * read by a participant, so a sweep that answers nothing to everyone cannot pass.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Principal } from '../src/core/principal.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import { addCaseAttachment } from '../src/services/cases/case-attachments.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { postMessage } from '../src/services/cases/post-message.ts';
import type { StoredCase } from '../src/storage/repositories/cases.ts';
import { Client, makeAgency, makeUser, openTestPlatform, type TestUser } from './portal-support.ts';

/** Words of the case that must never reach an outsider. */
const SECRET = { subject: 'Quarrelwick harbour thefts (fictional)', person: 'Zebulon', body: 'Marmaduke saw the van at dawn.', file: 'quarrelwick-van.jpg' };

let p: Platform;
let outsider: TestUser;
let outsiderAuditor: TestUser;
let insider: TestUser;
let outsiderKey: string;
let insiderKey: string;
let opened: StoredCase;
let attachmentId: string;
let messageId: string;

const principalOf = (u: TestUser, country: string): Principal => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  agencyId: u.agencyId,
  agencyCode: 'T',
  country,
  agencyIsOffice: false,
  roles: ['officer'],
  via: 'session',
  readOnly: false,
  sessionId: null,
  apiKeyId: null,
});

beforeAll(async () => {
  p = await openTestPlatform();
  const de = await makeAgency(p, { country: 'DE' });
  const fr = await makeAgency(p, { country: 'FR' });
  const pl = await makeAgency(p, { country: 'PL' });
  await makeAgency(p, { isOffice: true, country: 'BE' });
  const originator = await makeUser(p, de.id, ['officer']);
  insider = await makeUser(p, fr.id, ['officer']);
  outsider = await makeUser(p, pl.id, ['officer']);
  outsiderAuditor = await makeUser(p, pl.id, ['auditor']);
  const now = new Date(Date.now() - 10 * 3600_000);
  opened = await openCase(
    p.store.db,
    p.deps.noticeIndex,
    principalOf(originator, 'DE'),
    {
      kind: 'request',
      subject: SECRET.subject,
      nationalReference: 'DE-SWEEP-1',
      crimeArea: 'organised_property_crime',
      urgency: 'urgent',
      recipientAgencyIds: [fr.id],
      entities: [{ type: 'person', familyName: SECRET.person, forename: 'Quill' }],
      message: { body: SECRET.body, handlingCode: 'H0', sourceGrade: 'B', informationGrade: '2' },
    },
    now,
  );
  const reply = await postMessage(p.store.db, principalOf(insider, 'FR'), opened.id, { body: `${SECRET.body} Again.`, handlingCode: 'H1', sourceGrade: 'A', informationGrade: '1' }, new Date());
  messageId = reply.id;
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#558' } }).jpeg().toBuffer();
  attachmentId = (await addCaseAttachment(p.store.db, p.deps.photoStore, principalOf(insider, 'FR'), opened.id, reply.id, { bytes: jpeg, type: 'image/jpeg', name: SECRET.file }, new Date())).id;
  outsiderKey = (await createApiKey(p.store.db, outsider.id, { name: 'sweep' }, { actorId: outsider.id, ip: null })).key;
  insiderKey = (await createApiKey(p.store.db, insider.id, { name: 'sweep' }, { actorId: insider.id, ip: null })).key;
}, 120_000);

afterAll(async () => {
  await p?.close();
});

/** What the case says; its id is left out, since the outsider typed it into the address themselves. */
const leaks = (text: string): string[] => [opened.reference, SECRET.subject, SECRET.person, SECRET.body, SECRET.file].filter((s) => text.includes(s));

/** One signed-in client per person: a TOTP code is accepted once, so signing in again within its period fails. */
const clients = new Map<string, Client>();

async function portalGets(user: TestUser, paths: string[]): Promise<{ path: string; status: number; body: string }[]> {
  let c = clients.get(user.id);
  if (!c) {
    c = new Client(p);
    await c.signIn(user);
    clients.set(user.id, c);
  }
  const out = [];
  for (const path of paths) {
    const res = await c.get(path);
    out.push({ path, status: res.status, body: await res.text() });
  }
  return out;
}

const casePaths = () => [
  `/portal/cases/${opened.id}`,
  `/portal/cases/${opened.id}?purpose=${encodeURIComponent('checking a lead')}`,
  `/portal/cases/${opened.id}/print`,
  `/portal/cases/${opened.id}/attachments/${attachmentId}/thumb`,
  `/portal/cases/${opened.id}/attachments/${attachmentId}/large?purpose=lead`,
];

const listPaths = [
  '/portal/cases',
  '/portal/cases?status=open',
  '/portal/cases?status=answered',
  '/portal/cases?urgency=urgent',
  '/portal/cases?overdue=1',
  '/portal/cases?role=received',
  '/portal/cases?role=sent',
  '/portal/notifications',
  `/portal/notices?purpose=${encodeURIComponent('sweep check')}&name=Quill`,
  '/fr/portal/cases',
];

describe('an agency outside a case', () => {
  it('gets "not found" from every case page, and a participant does not', async () => {
    for (const r of await portalGets(outsider, casePaths())) {
      expect(r.status, r.path).toBe(404);
      expect(leaks(r.body), r.path).toEqual([]);
    }
    const seen = await portalGets(insider, casePaths());
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(leaks(seen[0]!.body)).toContain(SECRET.subject);
  });

  it('finds nothing of it in lists, filters, notifications or the notice search, where a participant finds it', async () => {
    for (const r of await portalGets(outsider, listPaths)) {
      expect(r.status, r.path).toBe(200);
      expect(leaks(r.body), r.path).toEqual([]);
    }
    const seen = await portalGets(insider, ['/portal/cases', '/portal/cases?status=answered', '/portal/notifications']);
    for (const r of seen) expect(leaks(r.body), r.path).toContain(opened.reference);
  });

  it('finds nothing of it in its own auditor’s view and export of the trail', async () => {
    const purpose = `purpose=${encodeURIComponent('periodic audit')}`;
    for (const r of await portalGets(outsiderAuditor, [`/portal/audit?${purpose}`, `/portal/audit?${purpose}&objectType=case`, `/portal/audit/export.csv?${purpose}`])) {
      expect(r.status, r.path).toBeLessThan(500);
      expect(leaks(r.body), r.path).toEqual([]);
    }
  });

  it('gets 404 from every case call of the API and an empty list, where a participant gets the case', async () => {
    const call = async (key: string, path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${key}`);
      headers.set('x-purpose', 'sweep check');
      headers.set('x-forwarded-for', '198.51.100.77');
      if (init.body) headers.set('content-type', 'application/json');
      const res = await p.app.request(`http://localhost${path}`, { ...init, headers });
      return { status: res.status, body: await res.text() };
    };
    const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
    const calls: [string, RequestInit?][] = [
      [`/api/v1/cases/${opened.id}`],
      [`/api/v1/cases/${opened.id}/attachments/${attachmentId}/thumb`],
      [`/api/v1/cases/${opened.id}/messages`, json({ body: 'hello', handlingCode: 'H0', sourceGrade: 'X', informationGrade: '4' })],
      [`/api/v1/cases/${opened.id}/acknowledge`, json({})],
      [`/api/v1/cases/${opened.id}/close`, json({ outcome: 'refused', reason: 'not ours' })],
      [`/api/v1/cases/${opened.id}/permissions`, json({ messageId, agencyId: outsider.agencyId })],
    ];
    for (const [path, init] of calls) {
      const r = await call(outsiderKey, path, init);
      expect(r.status, path).toBe(404);
      expect(leaks(r.body), path).toEqual([]);
    }
    for (const query of ['', '?status=open', '?status=answered', '?urgency=urgent', '?overdue=true', '?role=received']) {
      const r = await call(outsiderKey, `/api/v1/cases${query}`);
      expect(r.status, query).toBe(200);
      expect(leaks(r.body), query).toEqual([]);
    }
    const mine = await call(insiderKey, '/api/v1/cases');
    expect(leaks(mine.body)).toContain(opened.reference);
    expect((await call(insiderKey, `/api/v1/cases/${opened.id}`)).status).toBe(200);
  });
});
