/**
 * Case exchange through the JSON API with real keys: an officer in one country opens an urgent case to an agency in
 * another, both list and read it (always with a stated purpose), the recipient acknowledges and answers with an
 * attachment, the office's liaison officer forwards it once the H2 information's originator permits it, and the
 * originator closes it; with the refusals the portal applies too (outsiders, roles, read-only keys, missing purposes).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Role } from '../src/core/principal.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { createNotice, openTestApp, wantedInput } from './api-support.ts';
import { makeAgency, makeUser } from './portal-support.ts';
import { principalOf, type TestAgency } from './request-support.ts';
import { dialects, freshStore } from './support/stores.ts';

type Json = Record<string, unknown>;
type Issue = { field: string; message: string };
type ApiError = { error: { code: string; key: string; issues: Issue[] } };
type Participant = { agencyId: string; role: string; acknowledgedAt: string | null; acknowledgedByName?: string | null };
type ApiCase = { id: string; reference: string; status: string; openedAt: string; deadlineAt: string; reviewAt: string | null; participants: Participant[]; links: { self: string } };
type ApiMessage = { id: string; handlingCode: string; handlingNotice: string; replyTo: string | null };
type ApiAttachment = { id: string; messageId: string; sizes: Record<string, { url: string; width: number }> };
type ApiDetail = ApiCase & {
  messages: ApiMessage[];
  attachments: ApiAttachment[];
  receipts: { agencyId: string; name: string | null }[];
  hits: { entityIndex: number; reference: string | null; match: boolean }[];
  forwardBlockedBy: string[];
  may: Record<string, boolean>;
  purpose: string;
};
type ApiList = { items: { id: string; role: string; overdue: boolean; acknowledgedAt: string | null; originator: { country: string } }[]; next: string | null; links: { self: string; next?: string } };

const purpose = 'Assistance request BKA-2026-0815, robbery series';

/** A message as the API takes it; the domain's defaults fill the rest. */
const message = (over: Json = {}): Json => ({ body: 'The suspect was seen at the border crossing.', handlingCode: 'H0', sourceGrade: 'B', informationGrade: '2', ...over });

/** A noisy photo: its JPEG is larger than the 64 KB every other body is held to, so it proves the upload path's larger budget. */
async function noisyJpeg(): Promise<Uint8Array> {
  const width = 400;
  const height = 300;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed & 0xff;
  }
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
}

describe.each(dialects)('case exchange through the API on %s', (dialect) => {
  let p: Platform;
  let dir: string | undefined;
  const agencies = {} as Record<'de' | 'hr' | 'nl' | 'ua' | 'office', TestAgency>;
  const keys = {} as Record<'de' | 'deReadOnly' | 'hr' | 'nl' | 'ua' | 'liaison' | 'reviewer', string>;
  let deOfficer: { id: string; email: string; name: string };
  let noticeReference = '';
  let ipSeq = 0;

  beforeAll(async () => {
    // As deployed: one SQLite instance keeps images in files beside its data; PostgreSQL instances share them in the database.
    dir = dialect === 'sqlite' ? await mkdtemp(join(tmpdir(), 'liaison-api-cases-')) : undefined;
    const photos: Record<string, string> = dir ? { DATA_DIR: join(dir, 'data'), PHOTO_STORAGE: 'files' } : {};
    p = await openTestApp(await freshStore(dialect), { TRUST_PROXY: 'true', ...photos });
    const made = async (country: string, isOffice = false): Promise<TestAgency> => ({ ...(await makeAgency(p, { country, isOffice })), country, isOffice });
    agencies.de = await made('DE');
    agencies.hr = await made('HR');
    agencies.nl = await made('NL');
    agencies.ua = await made('UA');
    agencies.office = await made('FR', true);
    const keyOf = async (agencyId: string, roles: Role[], readOnly = false) => {
      const u = await makeUser(p, agencyId, roles);
      return { user: u, key: (await createApiKey(p.store.db, u.id, { name: 'test', readOnly }, { actorId: u.id, ip: null })).key };
    };
    const de = await keyOf(agencies.de.id, ['officer']);
    deOfficer = de.user;
    keys.de = de.key;
    keys.deReadOnly = (await createApiKey(p.store.db, de.user.id, { name: 'ro', readOnly: true }, { actorId: de.user.id, ip: null })).key;
    keys.hr = (await keyOf(agencies.hr.id, ['officer'])).key;
    keys.nl = (await keyOf(agencies.nl.id, ['officer'])).key;
    keys.ua = (await keyOf(agencies.ua.id, ['officer'])).key;
    keys.liaison = (await keyOf(agencies.office.id, ['liaison'])).key;
    keys.reviewer = (await keyOf(agencies.office.id, ['reviewer'])).key;
    noticeReference = (await createNotice(p.store.db, wantedInput())).reference;
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Each call from its own address, so no test spends the per-address API budget of another. */
  const api = async (method: string, path: string, opts: { key?: string; body?: unknown; form?: FormData; purpose?: string } = {}) => {
    const headers: Record<string, string> = { 'X-Forwarded-For': `198.51.${100 + (Math.floor(++ipSeq / 250) % 50)}.${ipSeq % 250}` };
    if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
    if (opts.purpose) headers['X-Purpose'] = opts.purpose;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const body = opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const res = await p.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const type = res.headers.get('content-type') ?? '';
    return { res, status: res.status, body: (type.startsWith('application/json') ? await res.json() : undefined) as Json };
  };
  const path = (id: string, rest = '') => `/api/v1/cases/${id}${rest}`;
  const fields = (r: { body: Json }) => (r.body as unknown as ApiError).error.issues.map((i) => i.field);
  const list = async (key: string, query = '') => {
    const r = await api('GET', `/api/v1/cases${query}`, { key, purpose });
    expect(r.status).toBe(200);
    return r.body as unknown as ApiList;
  };
  const newCase = (over: Json = {}): Json => ({
    kind: 'request',
    subject: 'Robbery series on the A3',
    nationalReference: 'BKA-2026-0815',
    crimeArea: 'organised_property_crime',
    urgency: 'urgent',
    recipientAgencyIds: [agencies.hr.id],
    entities: [{ type: 'person', familyName: 'Шевченко', forename: 'Тарас', dateOfBirth: '1980-03-09' }],
    message: message({ handlingCode: 'H2', body: 'Informant reports the suspect crossing into Croatia.' }),
    ...over,
  });
  const attachForm = async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await noisyJpeg())], { type: 'image/jpeg' }), 'plate.jpg');
    return form;
  };

  it('runs an urgent case from opening to closing: lists, reading, receipt, answer with attachment, H2-guarded forward', async () => {
    const opened = await api('POST', '/api/v1/cases', { key: keys.de, body: newCase() });
    expect(opened.status).toBe(201);
    const c = opened.body as unknown as ApiCase;
    expect(c.reference).toMatch(/^CASE-\d{4}-\d{5}$/);
    expect(c.status).toBe('open');
    expect(Date.parse(c.deadlineAt) - Date.parse(c.openedAt)).toBe(8 * 3600_000);
    expect(opened.res.headers.get('location')).toBe(`https://notices.example/api/v1/cases/${c.id}`);
    expect(c.links.self).toBe(opened.res.headers.get('location'));

    // Reading needs a key, and always a stated purpose: even the agencies taking part say why.
    const anonymous = await api('GET', '/api/v1/cases', { purpose });
    expect(anonymous.status).toBe(401);
    expect(anonymous.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    for (const [key, target] of [
      [keys.de, '/api/v1/cases'],
      [keys.hr, '/api/v1/cases'],
      [keys.hr, path(c.id)],
    ] as const) {
      const unexplained = await api('GET', target, { key });
      expect(unexplained.status).toBe(400);
      expect(fields(unexplained)).toEqual(['purpose']);
    }

    const sent = await list(keys.de, '?role=sent');
    expect(sent.items.find((i) => i.id === c.id)).toMatchObject({ role: 'originator', overdue: false });
    const received = await list(keys.hr, '?role=received&urgency=urgent&status=open');
    expect(received.items.find((i) => i.id === c.id)).toMatchObject({ role: 'recipient', acknowledgedAt: null, originator: { country: 'DE' } });
    expect((await list(keys.hr, '?urgency=standard')).items.map((i) => i.id)).not.toContain(c.id);
    expect((await list(keys.hr, '?role=sent')).items.map((i) => i.id)).not.toContain(c.id);

    const read = await api('GET', path(c.id), { key: keys.hr, purpose });
    expect(read.status).toBe(200);
    expect(read.res.headers.get('cache-control')).toBe('no-store');
    const view = read.body as unknown as ApiDetail;
    expect(view.purpose).toBe(purpose);
    expect(view.messages).toHaveLength(1);
    const first = view.messages[0]!;
    expect(first.handlingNotice).toBe('H2: not to be disseminated further without the permission of the originator.');
    // The person named in Cyrillic is found in the notice written in Latin letters.
    expect(view.hits).toContainEqual(expect.objectContaining({ entityIndex: 0, reference: noticeReference, match: true }));
    expect(view.receipts.map((r) => r.agencyId)).toContain(agencies.hr.id);
    expect(view.may).toMatchObject({ acknowledge: true, reply: true, close: false, forward: false });
    const consults = await p.store.db.selectFrom('audit_log').select(['purpose']).where('object_id', '=', c.id).where('action', '=', 'consult').execute();
    expect(consults.map((a) => a.purpose)).toContain(purpose);

    expect((await api('POST', path(c.id, '/acknowledge'), { key: keys.de })).body).toMatchObject({ error: { code: 'conflict', key: 'cases.error.own_case' } });
    const acknowledged = await api('POST', path(c.id, '/acknowledge'), { key: keys.hr });
    expect(acknowledged.status).toBe(200);
    expect((acknowledged.body as unknown as ApiCase).participants.find((x) => x.agencyId === agencies.hr.id)?.acknowledgedAt).not.toBeNull();

    const h3 = await api('POST', path(c.id, '/messages'), { key: keys.hr, body: message({ handlingCode: 'H3' }) });
    expect(h3.status).toBe(400);
    expect(fields(h3)).toEqual(['restriction']);
    const replied = await api('POST', path(c.id, '/messages'), { key: keys.hr, body: message({ handlingCode: 'H1', body: 'Vehicle ZG-1234-AB registered to him.', replyTo: first.id }) });
    expect(replied.status).toBe(201);
    const reply = replied.body as unknown as ApiMessage;
    expect(reply).toMatchObject({ handlingCode: 'H1', replyTo: first.id, handlingNotice: 'H1: not to be used in judicial proceedings without the permission of the originator.' });

    const form = await attachForm();
    expect((form.get('file') as File).size).toBeGreaterThan(64 * 1024);
    // Only the message's own agency attaches to it.
    expect((await api('POST', path(c.id, `/messages/${reply.id}/attachments`), { key: keys.de, form: await attachForm() })).status).toBe(403);
    const uploaded = await api('POST', path(c.id, `/messages/${reply.id}/attachments`), { key: keys.hr, form });
    expect(uploaded.status).toBe(201);
    const attachment = uploaded.body as unknown as ApiAttachment;
    expect(Object.keys(attachment.sizes).sort()).toEqual(['large', 'medium', 'thumb']);
    expect(uploaded.res.headers.get('location')).toBe(attachment.sizes.large?.url);
    const thumbPath = new URL(attachment.sizes.thumb!.url).pathname;
    expect((await api('GET', thumbPath, { key: keys.de })).status).toBe(400);
    const thumb = await api('GET', thumbPath, { key: keys.de, purpose });
    expect(thumb.status).toBe(200);
    expect(thumb.res.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await thumb.res.arrayBuffer())).metadata()).width).toBe(attachment.sizes.thumb!.width);

    const answered = (await api('GET', path(c.id), { key: keys.de, purpose })).body as unknown as ApiDetail;
    expect(answered.status).toBe('answered');
    expect(answered.attachments.map((a) => [a.id, a.messageId])).toEqual([[attachment.id, reply.id]]);
    expect(answered.participants.find((x) => x.agencyId === agencies.hr.id)?.acknowledgedByName).toMatch(/^Tester/);

    // The office sees the case it routes, names why, and is told which message stops a forward.
    const office = (await api('GET', path(c.id), { key: keys.liaison, purpose: 'Routing case to the Ukrainian bureau' })).body as unknown as ApiDetail;
    expect(office.forwardBlockedBy).toEqual([first.id]);
    expect((await api('POST', path(c.id, '/forward'), { key: keys.hr, body: { agencyId: agencies.ua.id } })).body).toMatchObject({
      error: { code: 'forbidden', key: 'cases.error.liaison_forwards' },
    });
    const blocked = await api('POST', path(c.id, '/forward'), { key: keys.liaison, body: { agencyId: agencies.ua.id } });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ error: { code: 'conflict', key: 'cases.error.h2_blocks_forward' } });
    expect(fields(blocked)).toEqual([`messages.${first.id}`]);
    expect((await list(keys.ua)).items.map((i) => i.id)).not.toContain(c.id);

    // Only the agency that wrote the information permits it further.
    expect((await api('POST', path(c.id, '/permissions'), { key: keys.hr, body: { messageId: first.id, agencyId: agencies.ua.id } })).status).toBe(403);
    const permitted = await api('POST', path(c.id, '/permissions'), { key: keys.de, body: { messageId: first.id, agencyId: agencies.ua.id } });
    expect(permitted.status).toBe(200);
    const forwarded = await api('POST', path(c.id, '/forward'), { key: keys.liaison, body: { agencyId: agencies.ua.id } });
    expect(forwarded.status).toBe(200);
    expect((forwarded.body as unknown as ApiCase).participants).toContainEqual(expect.objectContaining({ agencyId: agencies.ua.id, role: 'forwarded' }));
    expect((await list(keys.ua, '?role=received')).items.map((i) => i.id)).toContain(c.id);

    expect((await api('POST', path(c.id, '/close'), { key: keys.hr, body: {} })).body).toMatchObject({ error: { code: 'forbidden', key: 'cases.error.originator_closes' } });
    const closed = await api('POST', path(c.id, '/close'), { key: keys.de, body: { reason: 'Suspect arrested in Zagreb' } });
    expect(closed.status).toBe(200);
    const ended = closed.body as unknown as ApiCase;
    expect(ended.status).toBe('closed');
    expect(ended.reviewAt).not.toBeNull();
    const late = await api('POST', path(c.id, '/messages'), { key: keys.hr, body: message() });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { key: 'cases.error.case_ended' } });
  });

  it('lets a recipient refuse an open case with a reason, and never without one', async () => {
    const c = (await api('POST', '/api/v1/cases', { key: keys.de, body: newCase({ urgency: 'standard', entities: [] }) })).body as unknown as ApiCase;
    const bare = await api('POST', path(c.id, '/close'), { key: keys.hr, body: { outcome: 'refused' } });
    expect(bare.status).toBe(400);
    expect(fields(bare)).toEqual(['reason']);
    const refused = await api('POST', path(c.id, '/close'), { key: keys.hr, body: { outcome: 'refused', reason: 'Not within our competence' } });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Not within our competence' });
  });

  it('answers an agency outside the case as if it did not exist, on every endpoint', async () => {
    const c = (await api('POST', '/api/v1/cases', { key: keys.de, body: newCase({ subject: 'Outsider check' }) })).body as unknown as ApiCase;
    const detail = (await api('GET', path(c.id), { key: keys.de, purpose })).body as unknown as ApiDetail;
    const firstId = detail.messages[0]!.id;
    const attached = await api('POST', path(c.id, `/messages/${firstId}/attachments`), { key: keys.de, form: await attachForm() });
    expect(attached.status).toBe(201);
    const thumbPath = new URL((attached.body as unknown as ApiAttachment).sizes.thumb!.url).pathname;

    const answers = [
      await api('GET', path(c.id), { key: keys.nl, purpose }),
      await api('GET', thumbPath, { key: keys.nl, purpose }),
      await api('POST', path(c.id, '/messages'), { key: keys.nl, body: message() }),
      await api('POST', path(c.id, `/messages/${firstId}/attachments`), { key: keys.nl, form: await attachForm() }),
      await api('POST', path(c.id, '/acknowledge'), { key: keys.nl }),
      await api('POST', path(c.id, '/permissions'), { key: keys.nl, body: { messageId: firstId, agencyId: agencies.nl.id } }),
      await api('POST', path(c.id, '/close'), { key: keys.nl, body: { outcome: 'refused', reason: 'Not ours' } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    for (const a of answers) expect(a.body).toMatchObject({ error: { code: 'not_found' } });
    expect(JSON.stringify(answers.map((a) => a.body))).not.toContain(c.reference);
    expect((await list(keys.nl)).items.map((i) => i.id)).not.toContain(c.id);
    // An unknown id answers the same.
    expect((await api('GET', path('01jq3v6yx8r4m0c2b5n7t9w1ke'), { key: keys.nl, purpose })).status).toBe(404);
  });

  it('lets a read-only key read but never write, and refuses keys of users who do not exchange cases', async () => {
    const c = (await api('POST', '/api/v1/cases', { key: keys.de, body: newCase({ subject: 'Read-only check' }) })).body as unknown as ApiCase;
    const writes = [
      await api('POST', '/api/v1/cases', { key: keys.deReadOnly, body: newCase() }),
      await api('POST', path(c.id, '/messages'), { key: keys.deReadOnly, body: message() }),
      await api('POST', path(c.id, '/acknowledge'), { key: keys.deReadOnly }),
      await api('POST', path(c.id, '/forward'), { key: keys.deReadOnly, body: { agencyId: agencies.ua.id } }),
      await api('POST', path(c.id, '/permissions'), { key: keys.deReadOnly, body: { messageId: c.id, agencyId: agencies.ua.id } }),
      await api('POST', path(c.id, '/close'), { key: keys.deReadOnly, body: {} }),
      await api('POST', path(c.id, `/messages/${c.id}/attachments`), { key: keys.deReadOnly, form: await attachForm() }),
    ];
    expect(writes.map((w) => w.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect((await list(keys.deReadOnly)).items.map((i) => i.id)).toContain(c.id);
    const read = await api('GET', path(c.id), { key: keys.deReadOnly, purpose });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'open', purpose, may: { reply: false, acknowledge: false, forward: false, close: false, refuse: false } });

    // A reviewer of the office reads notices, not cases.
    expect((await api('GET', '/api/v1/cases', { key: keys.reviewer, purpose })).status).toBe(403);
    expect((await api('GET', path(c.id), { key: keys.reviewer, purpose })).status).toBe(403);
    expect((await api('POST', '/api/v1/cases', { key: keys.reviewer, body: newCase() })).status).toBe(403);
  });

  it('pages with a cursor, filters overdue cases, and refuses a page size over 100', async () => {
    // Opened nine hours ago through the use case itself: an urgent case past its 8-hour deadline.
    const de = principalOf(deOfficer, agencies.de, ['officer']);
    const late = await openCase(p.store.db, p.deps.noticeIndex, de, newCase({ subject: 'Late one', recipientAgencyIds: [agencies.ua.id], entities: [] }), new Date(Date.now() - 9 * 3600_000));
    const fresh = (await api('POST', '/api/v1/cases', { key: keys.de, body: newCase({ recipientAgencyIds: [agencies.ua.id], entities: [] }) })).body as unknown as ApiCase;

    const overdue = await list(keys.ua, '?overdue=true');
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.map((i) => i.id)).not.toContain(fresh.id);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);

    const seen: string[] = [];
    let page = await list(keys.ua, '?perPage=1');
    for (;;) {
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0]!.id);
      if (!page.next) break;
      expect(page.links.next).toContain('after=');
      page = await list(keys.ua, new URL(page.links.next!).search);
    }
    expect(seen).toEqual(expect.arrayContaining([late.id, fresh.id]));
    expect(new Set(seen).size).toBe(seen.length);

    const tooMany = await api('GET', '/api/v1/cases?perPage=101', { key: keys.ua, purpose });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toEqual(['perPage']);
    expect(fields(await api('GET', '/api/v1/cases?after=page-2', { key: keys.ua, purpose }))).toEqual(['after']);
  });

  it('describes every endpoint in the OpenAPI document', async () => {
    const doc = await api('GET', '/api/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const methods = Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, Object.keys(v).sort()]));
    expect(methods).toMatchObject({
      '/v1/cases': ['get', 'post'],
      '/v1/cases/{id}': ['get'],
      '/v1/cases/{id}/messages': ['post'],
      '/v1/cases/{id}/messages/{messageId}/attachments': ['post'],
      '/v1/cases/{id}/attachments/{attachmentId}/{size}': ['get'],
      '/v1/cases/{id}/acknowledge': ['post'],
      '/v1/cases/{id}/forward': ['post'],
      '/v1/cases/{id}/permissions': ['post'],
      '/v1/cases/{id}/close': ['post'],
    });
    const detail = paths['/v1/cases/{id}']?.get as { parameters: { name: string; in: string; required?: boolean }[] };
    expect(detail.parameters).toContainEqual(expect.objectContaining({ name: 'X-Purpose', in: 'header', required: true }));
    const upload = paths['/v1/cases/{id}/messages/{messageId}/attachments']?.post as { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    const forward = paths['/v1/cases/{id}/forward']?.post as { responses: Record<string, unknown> };
    expect(Object.keys(forward.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '429']));
  });
});
