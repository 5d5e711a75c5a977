/**
 * The notice-request lifecycle through the JSON API with real keys: an officer drafts, uploads a photo and submits, a
 * reviewer asks for changes and then approves, the public extract appears by reference, and withdrawal takes it down;
 * with the refusals the portal applies too (other agencies, roles, four eyes, read-only keys, purposes).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Role } from '../src/core/principal.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import { activeUser, agency } from './account-support.ts';
import { openTestApp } from './api-support.ts';
import { dialects, freshStore } from './support/stores.ts';

type Json = Record<string, unknown>;
type Issue = { field: string; message: string };
type ApiError = { error: { code: string; key: string; issues: Issue[] } };
type ApiRequest = {
  id: string;
  status: string;
  reference: string | null;
  facts: Json & { familyName: string; dateOfBirth: string | null };
  photos?: { id: string; sizes: Record<string, { url: string; width: number }> }[];
  links: { self: string; public?: string };
  history?: { action: string; comment: string | null }[];
  purpose?: string;
};

const now = new Date();
const fullChecklist = { neutral_character: true, human_rights: true, data_quality: true, serious_offence: true };

/** A wanted-person request complete enough to submit. */
const complete = (over: Json = {}): Json => ({
  kind: 'wanted',
  nationalReference: 'BKA-2026-0417',
  familyName: 'Kovalenko',
  forename: 'Petro',
  nameOriginal: 'Петро Коваленко',
  sex: 'M',
  dateOfBirth: '1985-04-12',
  nationalities: ['UA'],
  warrants: [
    { issuingCountry: 'DE', charge: 'Fraud in Hamburg', crimeCategory: 'fraud', warrantDate: '2025-01-10', warrantAuthority: 'Amtsgericht Hamburg' },
  ],
  ...over,
});

describe.each(dialects)('notice requests through the API on %s', (dialect) => {
  let p: Platform;
  const keys: Record<'officer' | 'readOnly' | 'otherOfficer' | 'thirdOfficer' | 'reviewer' | 'dual', string> = {
    officer: '',
    readOnly: '',
    otherOfficer: '',
    thirdOfficer: '',
    reviewer: '',
    dual: '',
  };
  let ipSeq = 0;
  let dir: string | undefined;

  beforeAll(async () => {
    // As deployed: one SQLite instance keeps photos in files beside its data; PostgreSQL instances share them in the database.
    dir = dialect === 'sqlite' ? await mkdtemp(join(tmpdir(), 'liaison-api-requests-')) : undefined;
    const photos: Record<string, string> = dir ? { DATA_DIR: join(dir, 'data'), PHOTO_STORAGE: 'files' } : {};
    p = await openTestApp(await freshStore(dialect), { TRUST_PROXY: 'true', ...photos });
    const db = p.store.db;
    const office = await agency(db, now, true);
    const [agencyA, agencyB, agencyC] = [await agency(db, now), await agency(db, now), await agency(db, now)];
    const keyOf = async (agencyId: string, roles: Role[], readOnly = false) => {
      const u = await activeUser(db, agencyId, roles, now);
      return (await createApiKey(db, u.id, { name: 'test', readOnly }, { actorId: u.id, ip: null })).key;
    };
    const officerA = await activeUser(db, agencyA, ['officer'], now);
    keys.officer = (await createApiKey(db, officerA.id, { name: 'rw' }, { actorId: officerA.id, ip: null })).key;
    keys.readOnly = (await createApiKey(db, officerA.id, { name: 'ro', readOnly: true }, { actorId: officerA.id, ip: null })).key;
    keys.otherOfficer = await keyOf(agencyB, ['officer']);
    keys.thirdOfficer = await keyOf(agencyC, ['officer']);
    keys.reviewer = await keyOf(office, ['reviewer']);
    keys.dual = await keyOf(office, ['officer', 'reviewer']);
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Each test calls from its own address, so the per-address API budget of one test never spends another's. */
  const client = () => {
    const ip = `198.51.100.${++ipSeq}`;
    const call = async (method: string, path: string, opts: { key?: string; body?: unknown; form?: FormData; purpose?: string } = {}) => {
      const headers: Record<string, string> = { 'X-Forwarded-For': ip };
      if (opts.key) headers.Authorization = `Bearer ${opts.key}`;
      if (opts.purpose) headers['X-Purpose'] = opts.purpose;
      if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
      const body = opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const res = await p.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const type = res.headers.get('content-type') ?? '';
      return { res, status: res.status, body: (type.startsWith('application/json') ? await res.json() : undefined) as Json };
    };
    return call;
  };

  const path = (id: string, rest = '') => `/api/v1/notices/${id}${rest}`;
  const slug = (reference: string) => reference.replace('/', '-');

  it('runs a request from draft to publication and withdrawal with an officer’s key and a reviewer’s key', async () => {
    const api = client();
    const created = await api('POST', '/api/v1/notices', { key: keys.officer, body: { kind: 'wanted', familyName: 'Kovalenko', forename: 'Petro' } });
    expect(created.status).toBe(201);
    const draft = created.body as unknown as ApiRequest;
    expect(draft).toMatchObject({ status: 'draft', facts: { familyName: 'Kovalenko', dateOfBirth: null }, photos: [] });
    expect(created.res.headers.get('location')).toBe(`https://notices.example/api/v1/notices/${draft.id}`);
    expect(draft.links.self).toBe(created.res.headers.get('location'));

    // A field breaking its own rule is refused by name and nothing is saved.
    const bad = await api('PATCH', path(draft.id), { key: keys.officer, body: { dateOfBirth: '1985-02-30' } });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ApiError).error.issues.map((i) => i.field)).toEqual(['dateOfBirth']);

    // PATCH replaces the fields given and keeps the others (the name sent at creation stays).
    const { kind: _kind, familyName: _familyName, ...rest } = complete({ publicExtract: { consent: true, fields: ['photos', 'dateOfBirth', 'nationalities'] } });
    const saved = await api('PATCH', path(draft.id), { key: keys.officer, body: rest });
    expect(saved.status).toBe(200);
    const savedBody = saved.body as { request: ApiRequest; toDo: Issue[] };
    expect(savedBody.request.facts).toMatchObject({ familyName: 'Kovalenko', dateOfBirth: '1985-04-12', nationalities: ['UA'] });
    expect(savedBody.toDo).toEqual([]);

    const jpeg = await sharp({ create: { width: 400, height: 500, channels: 3, background: { r: 140, g: 110, b: 90 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'portrait.jpg');
    const uploaded = await api('POST', path(draft.id, '/photos'), { key: keys.officer, form });
    expect(uploaded.status).toBe(201);
    const photo = uploaded.body as { id: string; width: number; sizes: Record<string, { url: string; width: number }> };
    expect(photo.width).toBe(400);
    expect(Object.keys(photo.sizes).sort()).toEqual(['large', 'medium', 'thumb']);
    expect(uploaded.res.headers.get('location')).toBe(photo.sizes.large?.url);

    const submitted = await api('POST', path(draft.id, '/submit'), { key: keys.officer });
    expect(submitted.status).toBe(200);
    expect((submitted.body as { request: ApiRequest }).request.status).toBe('submitted');
    expect(submitted.body).toHaveProperty('duplicates');

    // Reviewing a request in review is the reviewer's task: no purpose needs stating.
    const inReview = await api('GET', path(draft.id), { key: keys.reviewer });
    expect(inReview.status).toBe(200);
    expect(inReview.res.headers.get('cache-control')).toBe('no-store');
    const view = inReview.body as unknown as ApiRequest;
    expect(view).toMatchObject({ status: 'submitted', purpose: 'review' });
    expect(view.photos?.map((x) => x.id)).toEqual([photo.id]);
    const thumb = await api('GET', new URL(photo.sizes.thumb!.url).pathname, { key: keys.reviewer });
    expect(thumb.status).toBe(200);
    expect(thumb.res.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await thumb.res.arrayBuffer())).metadata()).width).toBe(photo.sizes.thumb!.width);

    const changes = await api('POST', path(draft.id, '/review'), {
      key: keys.reviewer,
      body: { decision: 'request_changes', comment: 'Give the legal reference of the warrant.', checklist: { neutral_character: true } },
    });
    expect(changes.status).toBe(200);
    expect((changes.body as unknown as ApiRequest).status).toBe('changes_requested');

    const back = await api('GET', path(draft.id), { key: keys.officer });
    expect((back.body as unknown as ApiRequest).history?.find((h) => h.action === 'request_changes')?.comment).toBe('Give the legal reference of the warrant.');
    const warrants = [{ ...(complete().warrants as Json[])[0], legalReference: '§ 263 StGB' }];
    expect((await api('PATCH', path(draft.id), { key: keys.officer, body: { warrants } })).status).toBe(200);
    expect(((await api('POST', path(draft.id, '/submit'), { key: keys.officer })).body as { request: ApiRequest }).request.status).toBe('submitted');

    const approved = await api('POST', path(draft.id, '/review'), { key: keys.reviewer, body: { decision: 'approve', comment: '', checklist: fullChecklist } });
    expect(approved.status).toBe(200);
    const published = approved.body as unknown as ApiRequest;
    expect(published.status).toBe('published');
    expect(published.reference).toMatch(/^\d{4}\/\d{5}$/);
    const reference = slug(published.reference!);
    expect(published.links.public).toBe(`https://notices.example/api/v1/notices/${reference}`);

    // The public extract, without a key: the consented fields, never the warrant's details.
    const extract = await api('GET', path(reference));
    expect(extract.status).toBe(200);
    expect(extract.body).toMatchObject({ familyName: 'Kovalenko', dateOfBirth: '1985-04-12', nationalities: ['UA'], charges: [{ charge: 'Fraud in Hamburg' }] });
    expect(extract.body.images).toHaveLength(1);
    expect(JSON.stringify(extract.body)).not.toMatch(/Amtsgericht|263 StGB|BKA-2026/);

    const withdrawn = await api('POST', path(draft.id, '/withdraw'), { key: keys.officer, body: { reason: 'arrested', note: 'Arrested in Kraków' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'arrested', note: 'Arrested in Kraków' } });
    expect((withdrawn.body as unknown as ApiRequest).links.public).toBeUndefined();
    const gone = await api('GET', path(reference));
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ error: { code: 'gone' } });
  });

  it('hides another agency’s draft, needs a key for a request id, and refuses writes without the role or with a read-only key', async () => {
    const api = client();
    const draft = (await api('POST', '/api/v1/notices', { key: keys.officer, body: complete() })).body as unknown as ApiRequest;
    for (const res of [
      await api('GET', path(draft.id), { key: keys.otherOfficer, purpose: 'Checking a possible match in case 77/2026' }),
      await api('PATCH', path(draft.id), { key: keys.otherOfficer, body: { forename: 'Pavlo' } }),
      await api('POST', path(draft.id, '/submit'), { key: keys.otherOfficer }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    }
    const anonymous = await api('GET', path(draft.id));
    expect(anonymous.status).toBe(401);
    expect(anonymous.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api('POST', '/api/v1/notices', { body: complete() })).status).toBe(401);

    const readOnly = await api('POST', '/api/v1/notices', { key: keys.readOnly, body: complete() });
    expect(readOnly.status).toBe(403);
    expect((await api('PATCH', path(draft.id), { key: keys.readOnly, body: { forename: 'Pavlo' } })).status).toBe(403);
    // The read-only key still reads its agency's request.
    expect((await api('GET', path(draft.id), { key: keys.readOnly })).status).toBe(200);

    expect((await api('POST', path(draft.id, '/submit'), { key: keys.officer })).status).toBe(200);
    const selfReview = await api('POST', path(draft.id, '/review'), { key: keys.officer, body: { decision: 'approve', checklist: fullChecklist } });
    expect(selfReview.status).toBe(403);
    expect(selfReview.body).toMatchObject({ error: { code: 'forbidden' } });
    // A reviewer cannot draft: creating needs an officer of an agency.
    expect((await api('POST', '/api/v1/notices', { key: keys.reviewer, body: complete() })).status).toBe(403);
    // An incomplete review is refused by field, and the request stays in review.
    const incomplete = await api('POST', path(draft.id, '/review'), { key: keys.reviewer, body: { decision: 'refuse' } });
    expect(incomplete.status).toBe(400);
    expect((incomplete.body as unknown as ApiError).error.issues.map((i) => i.field)).toEqual(['comment']);
  });

  it('refuses a review by someone who drafted the request (four eyes), and refuses steps the state does not allow', async () => {
    const api = client();
    const own = (await api('POST', '/api/v1/notices', { key: keys.dual, body: complete({ familyName: 'Marchetti', forename: 'Lucia' }) })).body as unknown as ApiRequest;
    expect((await api('POST', path(own.id, '/submit'), { key: keys.dual })).status).toBe(200);
    const four = await api('POST', path(own.id, '/review'), { key: keys.dual, body: { decision: 'approve', checklist: fullChecklist } });
    expect(four.status).toBe(409);
    expect(four.body).toMatchObject({ error: { code: 'conflict', key: 'notice_request.error.four_eyes' } });
    // Another reviewer may decide; once refused, the request takes no further step.
    expect((await api('POST', path(own.id, '/review'), { key: keys.reviewer, body: { decision: 'refuse', comment: 'Not serious enough.' } })).status).toBe(200);
    const late = await api('POST', path(own.id, '/withdraw'), { key: keys.dual, body: { reason: 'error' } });
    expect(late.status).toBe(409);
    expect((await api('PATCH', path(own.id), { key: keys.dual, body: { forename: 'Lucy' } })).status).toBe(409);

    const unready = (await api('POST', '/api/v1/notices', { key: keys.officer, body: { kind: 'missing', familyName: 'Novak' } })).body as unknown as ApiRequest;
    const notReady = await api('POST', path(unready.id, '/submit'), { key: keys.officer });
    expect(notReady.status).toBe(400);
    expect((notReady.body as unknown as ApiError).error).toMatchObject({ key: 'notice_request.error.not_ready' });
    expect((notReady.body as unknown as ApiError).error.issues.map((i) => i.message)).toContain('notice_request.check.disappearance_date_missing');
  });

  it('lets a third agency read a circulating request without public extract only with a stated purpose', async () => {
    const api = client();
    const r = (await api('POST', '/api/v1/notices', { key: keys.officer, body: complete({ familyName: 'Horvat', forename: 'Ivan' }) })).body as unknown as ApiRequest;
    await api('POST', path(r.id, '/submit'), { key: keys.officer });
    const approved = (await api('POST', path(r.id, '/review'), { key: keys.reviewer, body: { decision: 'approve', checklist: fullChecklist } })).body as unknown as ApiRequest;
    expect(approved.status).toBe('published');
    expect(approved.links.public).toBeUndefined();
    // No consent, no public extract: the reference finds nothing without a key.
    expect((await api('GET', path(slug(approved.reference!)))).status).toBe(404);

    const noPurpose = await api('GET', path(r.id), { key: keys.thirdOfficer });
    expect(noPurpose.status).toBe(400);
    expect((noPurpose.body as unknown as ApiError).error.issues.map((i) => i.field)).toEqual(['purpose']);
    const purpose = 'Border check, case HR-2026-3310';
    const read = await api('GET', path(r.id), { key: keys.thirdOfficer, purpose });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'published', purpose, facts: { familyName: 'Horvat' } });
    const audit = await p.store.db.selectFrom('audit_log').select(['action', 'purpose']).where('object_id', '=', r.id).where('action', '=', 'consult').execute();
    expect(audit.map((a) => a.purpose)).toContain(purpose);
    // Another agency's officer cannot withdraw a circulating notice that is not theirs.
    expect((await api('POST', path(r.id, '/withdraw'), { key: keys.thirdOfficer, body: { reason: 'error' } })).status).toBe(409);
  });

  it('describes every endpoint in the OpenAPI document', async () => {
    const doc = await client()('GET', '/api/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const methods = Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, Object.keys(v).sort()]));
    expect(methods).toMatchObject({
      '/v1/notices': ['get', 'post'],
      '/v1/notices/{id}': ['get', 'patch'],
      '/v1/notices/{id}/submit': ['post'],
      '/v1/notices/{id}/review': ['post'],
      '/v1/notices/{id}/withdraw': ['post'],
      '/v1/notices/{id}/photos': ['post'],
      '/v1/notices/{id}/photos/{photoId}/{size}': ['get'],
    });
    const review = paths['/v1/notices/{id}/review']?.post as { responses: Record<string, unknown> };
    expect(Object.keys(review.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '429']));
    const upload = paths['/v1/notices/{id}/photos']?.post as { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
  });
});
