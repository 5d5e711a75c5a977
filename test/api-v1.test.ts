/** The public JSON API: search with match explanations, detail, person matching, error bodies, limits and its documents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Store } from '../src/storage/db.ts';
import { changeNotice, createNotice, getJson, missingInput, openTestApp, setStatus, wantedInput } from './api-support.ts';
import { dialects, freshStore } from './support/stores.ts';

type Result = { notice: { reference: string; kind: string }; match: { score: number; match: boolean; explanation: { kind: string }[]; text: string } | null };
type ListBody = { total: number; pages: number; results: Result[]; links: Record<string, { href: string } | undefined> };

const post = (platform: Platform, path: string, body: string, type = 'application/json') =>
  platform.app.request(path, { method: 'POST', headers: { 'content-type': type }, body });

describe.each(dialects)('JSON API on %s', (dialect) => {
  let store: Store;
  let platform: Platform;
  beforeEach(async () => {
    store = await freshStore(dialect);
    platform = await openTestApp(store);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('searches by name across scripts with an explanation, and follows changes to the notice', async () => {
    const n = await createNotice(store.db, wantedInput());
    await createNotice(store.db, missingInput());
    const found = (await getJson(platform.app, `/api/v1/notices?familyName=${encodeURIComponent('Шевченко')}`)).body as ListBody;
    expect(found.total).toBe(1);
    expect(found.results[0]?.notice.reference).toBe(n.reference);
    expect(found.results[0]?.match?.explanation.map((e) => e.kind)).toContain('part-matched');
    expect(found.results[0]?.match?.text).toMatch(/matches/);

    const full = (await getJson(platform.app, '/api/v1/notices?forename=Taras&familyName=Schewtschenko')).body as ListBody;
    expect(full.results[0]?.match?.match).toBe(true);

    const plain = (await getJson(platform.app, '/api/v1/notices?kind=missing')).body as ListBody;
    expect(plain.results.map((r) => r.notice.kind)).toEqual(['missing']);
    expect(plain.results[0]?.match).toBeNull();

    await changeNotice(store.db, n.id, wantedInput({ familyName: 'Bondarenko', nameOriginal: null, aliases: [] }));
    expect(((await getJson(platform.app, '/api/v1/notices?familyName=Bondarenko')).body as ListBody).total).toBe(1);
    expect(((await getJson(platform.app, '/api/v1/notices?familyName=Schewtschenko')).body as ListBody).total).toBe(0);
    await setStatus(store.db, n.id, 'withdrawn');
    expect(((await getJson(platform.app, '/api/v1/notices?familyName=Bondarenko')).body as ListBody).total).toBe(0);
  });

  it('serves one notice by its dashed reference and 404s the rest as JSON', async () => {
    const n = await createNotice(store.db, wantedInput());
    const draft = await createNotice(store.db, wantedInput(), 'draft');
    const detail = await getJson(platform.app, `/api/v1/notices/${n.reference.replace('/', '-')}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ reference: n.reference, familyName: 'Shevchenko', charges: [{ issuingCountry: 'PL' }], demo: false });
    expect(detail.body).not.toHaveProperty('id');
    for (const path of [`/api/v1/notices/${draft.reference.replace('/', '-')}`, '/api/v1/notices/2020-99999']) {
      const res = await getJson(platform.app, path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    }
    const malformed = await getJson(platform.app, '/api/v1/notices/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'validation_failed', issues: [{ field: 'id' }] } });
  });

  it('matches a person and explains each candidate', async () => {
    const n = await createNotice(store.db, wantedInput());
    await createNotice(store.db, missingInput());
    const res = await post(platform, '/api/v1/match', JSON.stringify({ names: ['Taras Szewczenko'], dateOfBirth: '1980-03-09', nationality: 'UA', sex: 'M', limit: 5 }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates: (Result['match'] & { notice: { reference: string } })[] };
    const best = body.candidates[0];
    expect(best?.notice.reference).toBe(n.reference);
    expect(best?.match).toBe(true);
    expect(best?.explanation.map((e) => e.kind)).toEqual(expect.arrayContaining(['part-matched', 'date-of-birth', 'nationality']));
    expect(best?.text).toMatch(/Date of birth/);
    const onlyMissing = await post(platform, '/api/v1/match', JSON.stringify({ names: ['Taras Szewczenko'], kind: 'missing' }));
    const missingBody = (await onlyMissing.json()) as { candidates: { notice: { kind: string } }[] };
    expect(missingBody.candidates.every((c) => c.notice.kind === 'missing')).toBe(true);
  });
});

describe('JSON API requests and documents', () => {
  let platform: Platform;
  beforeEach(async () => {
    platform = await openTestApp(await freshStore('sqlite'));
  });
  afterEach(async () => {
    await platform.close();
  });

  it('rejects bad input with the app’s JSON error body', async () => {
    const bad = await getJson(platform.app, '/api/v1/notices?perPage=500&sex=X');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed' } });
    const fields = (bad.body as { error: { issues: { field: string }[] } }).error.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['perPage', 'sex']));

    const noNames = await post(platform, '/api/v1/match', JSON.stringify({ names: [], limit: 51 }));
    expect(noNames.status).toBe(400);
    expect(await noNames.json()).toMatchObject({ error: { code: 'validation_failed', issues: expect.arrayContaining([expect.objectContaining({ field: 'names' })]) } });

    const notJson = await post(platform, '/api/v1/match', 'names=x', 'application/x-www-form-urlencoded');
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });

    const broken = await post(platform, '/api/v1/match', '{"names": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'bad_request' } });

    const huge = await post(platform, '/api/v1/match', JSON.stringify({ names: ['x'.repeat(70 * 1024)] }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('paginates with links', async () => {
    const store = platform.store;
    for (let i = 0; i < 5; i++) await createNotice(store.db, missingInput({ familyName: `Martin${i}` }));
    const page = (await getJson(platform.app, '/api/v1/notices?kind=missing&perPage=2&page=3')).body as ListBody;
    expect(page).toMatchObject({ total: 5, pages: 3 });
    expect(page.results).toHaveLength(1);
    expect(page.links.next).toBeUndefined();
    expect(page.links.previous?.href).toBe('https://notices.example/api/v1/notices?kind=missing&sort=newest&perPage=2&page=2');
  });

  it('publishes its OpenAPI document and a script-free HTML rendering of it', async () => {
    const doc = await getJson(platform.app, '/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/v1/notices', '/v1/notices/{id}', '/v1/match']));
    expect(paths['/v1/match']).toHaveProperty('post');
    expect(doc.body).toMatchObject({ servers: [{ url: 'https://notices.example/api' }] });

    const html = await platform.app.request('/api/docs');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await html.text();
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('GET /v1/notices/{id}');
    expect(text).toContain('POST /v1/match');
    expect(text).toContain('id="schema-MatchRequest"');
    expect(text).toContain('<code>familyName</code>');
  });

  it('rate limits each client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await platform.app.request('/api/v1/notices?perPage=1')).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await platform.app.request('/api/v1/notices');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});
