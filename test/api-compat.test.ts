/**
 * Contract tests of the notices-protocol API against the project's own contract
 * (`test/fixtures/notices-protocol-contract.json`, derived from the reference OpenAPI description): every field the
 * contract gives list and detail bodies is present with its JSON type, its query parameters are accepted, and the
 * behaviour clients rely on (404 bodies, dash/slash references, pagination) holds; plus index sync across instances,
 * and, where the reference description sits beside the checkout (`../shared/reference`), that the contract still
 * agrees with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { openStore, type Store } from '../src/storage/db.ts';
import { migrateToLatest } from '../src/storage/migrate.ts';
import { insertNotice } from '../src/storage/repositories/notices.ts';
import { addImage, changeNotice, createNotice, getJson, missingInput, openTestApp, setStatus, tinyPng, wantedInput } from './api-support.ts';
import { deriveFromReference, readContract, type Colour, type ContractSchema, type NoticesContract } from './fixtures/derive-notices-contract.ts';
import { dialects, freshStore } from './support/stores.ts';

/** The hand-kept part of the fixture: what this API promises beyond the reference description. */
type BeyondReference = { about: string; nullWhenUnknown: string[] } & Record<Colour, { detail: ContractSchema }>;
const contract = readContract() as NoticesContract & { beyondReference: BeyondReference };
const beyond = contract.beyondReference;
const NOT_KEPT = new Set([...contract.notKept, ...beyond.nullWhenUnknown]);

/** The detail body promised for a colour: the reference's fields and ours. */
function promisedDetail(colour: Colour): ContractSchema {
  const reference = contract.colours[colour].detail;
  return { ...reference, properties: { ...reference.properties, ...beyond[colour].detail.properties } };
}

const referencePath = fileURLToPath(new URL('../../shared/reference/interpol-notices-openapi.yaml', import.meta.url));
const referenceAbsent = !existsSync(referencePath);
if (referenceAbsent) {
  console.warn(`api-compat: ${referencePath} is absent (no ../shared beside the checkout); skipping the check that the contract fixture agrees with it`);
}

/** Lists every way `value` departs from the contract: a missing field or a value of another JSON type. */
function conformance(s: ContractSchema, value: unknown, path = '$'): string[] {
  const field = path.slice(path.lastIndexOf('.') + 1);
  if (value === null) return NOT_KEPT.has(field) || s.format === 'nullable' ? [] : [`${path} is null, expected ${s.type}`];
  switch (s.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path} is not an object`];
      const record = value as Record<string, unknown>;
      return Object.entries(s.properties ?? {}).flatMap(([k, sub]) =>
        k in record ? conformance(sub, record[k], `${path}.${k}`) : [`${path}.${k} is missing`],
      );
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => (s.items ? conformance(s.items, v, `${path}[${i}]`) : [])) : [`${path} is not an array`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path} is not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path} is not a number`];
    case 'string':
      return typeof value === 'string' ? [] : [`${path} is not a string`];
    default:
      return [];
  }
}

describe.skipIf(referenceAbsent)('contract fixture against the reference description', () => {
  it('still agrees with ../shared/reference/interpol-notices-openapi.yaml (else regenerate it with test/fixtures/derive-notices-contract.ts)', () => {
    expect(contract.colours).toEqual(deriveFromReference(readFileSync(referencePath, 'utf8')).colours);
  });
});

describe('contract fixture', () => {
  it('describes list, detail and images bodies and the query parameters of both colours', () => {
    for (const c of [contract.colours.red, contract.colours.yellow]) {
      expect(c.queryParameters.map((p) => p.name)).toEqual(expect.arrayContaining(['forename', 'name', 'nationality', 'ageMin', 'ageMax', 'sexId', 'freeText', 'page', 'resultPerPage']));
      expect(Object.keys(c.list.properties ?? {})).toEqual(expect.arrayContaining(['total', 'query', '_embedded', '_links']));
      expect(c.list.properties?._embedded?.properties?.notices?.items?.type).toBe('object');
      expect(Object.keys(c.detail.properties ?? {})).toEqual(expect.arrayContaining(['entity_id', 'name', 'forename', 'date_of_birth', 'nationalities', '_links']));
      expect(c.images.properties?._embedded?.properties?.images?.type).toBe('array');
    }
    expect(contract.colours.red.detail.properties?.arrest_warrants?.type).toBe('array');
    expect(contract.colours.yellow.detail.properties?.date_of_event?.type).toBe('string');
  });

  it('adds only fields the reference lacks, and lets only reference fields be null when unknown', () => {
    for (const colour of ['red', 'yellow'] as const) {
      const ours = Object.keys(beyond[colour].detail.properties ?? {});
      expect(ours.length).toBeGreaterThan(0);
      for (const field of ours) expect(contract.colours[colour].detail.properties, `${colour} ${field}`).not.toHaveProperty(field);
    }
    expect(Object.keys(beyond.yellow.detail.properties ?? {})).toEqual(expect.arrayContaining(['father_name', 'countries_likely_to_be_visited', 'issuing_country']));
    for (const field of beyond.nullWhenUnknown) expect(contract.colours.yellow.detail.properties, field).toHaveProperty(field);
  });
});

type ListBody = {
  total: number;
  query: Record<string, unknown>;
  _embedded: { notices: { entity_id: string; name: string; _links: Record<string, { href: string }> }[] };
  _links: Record<string, { href: string } | undefined>;
};

const slug = (reference: string) => reference.replace('/', '-');

describe.each(dialects)('notices-protocol API on %s', (dialect) => {
  let store: Store;
  let platform: Platform;
  beforeEach(async () => {
    store = await freshStore(dialect);
    platform = await openTestApp(store);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('answers list, detail and images bodies with every field and type of the contract', async () => {
    const red = await createNotice(store.db, wantedInput());
    const yellow = await createNotice(store.db, missingInput());
    await addImage(store.db, red.id);
    await addImage(store.db, yellow.id);
    const app = platform.app;

    for (const [colour, notice] of [
      ['red', red],
      ['yellow', yellow],
    ] as const) {
      const promised = contract.colours[colour];
      const list = await getJson(app, `/notices/v1/${colour}?resultPerPage=1`);
      expect(list.status).toBe(200);
      expect(list.type).toMatch(/^application\/json/);
      // One result per page over one notice: no next page, so check `next` on a body that has one below.
      const withoutNext = promised.list;
      expect(conformance({ ...withoutNext, properties: { ...withoutNext.properties, _links: { type: 'object' } } }, list.body)).toEqual([]);
      const body = list.body as ListBody;
      expect(body._embedded.notices).toHaveLength(1);
      expect(body._embedded.notices[0]?.entity_id).toBe(notice.reference);
      expect(body._embedded.notices[0]?.entity_id).toMatch(/^\d{4}\/\d{5}$/);

      const detail = await getJson(app, `/notices/v1/${colour}/${slug(notice.reference)}`);
      expect(detail.status).toBe(200);
      expect(conformance(promisedDetail(colour), detail.body)).toEqual([]);
      expect(detail.body).toMatchObject({ entity_id: notice.reference, date_of_birth: notice.dateOfBirth?.replaceAll('-', '/'), sex_id: notice.sex });

      const images = await getJson(app, `/notices/v1/${colour}/${slug(notice.reference)}/images`);
      expect(images.status).toBe(200);
      expect(conformance(promised.images, images.body)).toEqual([]);
      const href = (images.body as { _embedded: { images: { _links: { self: { href: string } } }[] } })._embedded.images[0]?._links.self.href ?? '';
      expect(href.startsWith('https://notices.example/notices/v1/')).toBe(true);
      const file = await app.request(href.replace('https://notices.example', ''));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(tinyPng);
    }

    const red2 = await getJson(app, `/notices/v1/red/${slug(red.reference)}`);
    expect(red2.body).toMatchObject({
      arrest_warrants: [{ issuing_country_id: 'PL', charge: 'Armed robbery in Lublin', charge_translation: 'Napad z bronią' }],
      height: 1.82,
      weight: 80,
      eyes_colors_id: ['BRO'],
      hairs_id: ['BLA'],
      languages_spoken_ids: ['UKR', 'ENG'],
      country_of_birth_id: 'UA',
      name: 'SHEVCHENKO',
      forename: 'TARAS',
      issuing_country: 'PL',
    });
    const yellow2 = await getJson(app, `/notices/v1/yellow/${slug(yellow.reference)}`);
    expect(yellow2.body).toMatchObject({ place: 'Marseille', date_of_event: '2024/11/02', date_of_birth: '2001/07' });
  });

  it('sends a missing person’s country, likely destinations, issuing country and relatives’ names with their types', async () => {
    const yellow = await createNotice(store.db, missingInput());
    await addImage(store.db, yellow.id);
    const { body } = await getJson(platform.app, `/notices/v1/yellow/${slug(yellow.reference)}`);
    expect(conformance(promisedDetail('yellow'), body)).toEqual([]);
    // Exact values: the contract lets these be null when unknown, so conformance alone would not see them missing.
    expect(body).toMatchObject({
      country: 'FR',
      countries_likely_to_be_visited: ['ES', 'IT'],
      issuing_country: 'FR',
      father_name: 'MOREAU',
      father_forename: 'HENRI',
      mother_name: 'LEFEBVRE',
      mother_forename: 'SOPHIE',
      birth_name: 'MOREAU',
    });
    for (const field of ['country', 'issuing_country', 'father_name', 'father_forename', 'mother_name', 'mother_forename', 'birth_name'])
      expect(typeof body[field], field).toBe('string');
  });

  it('sends those fields as null, and the destinations as an empty list, when the notice does not know them', async () => {
    const bare = missingInput({
      disappearance: { date: '2024-11-02', place: 'Marseille', circumstances: null },
      issuingCountry: null,
      fatherName: null,
      fatherForename: null,
      motherName: null,
      motherForename: null,
      birthName: null,
    });
    const yellow = await createNotice(store.db, bare);
    await addImage(store.db, yellow.id);
    const { body } = await getJson(platform.app, `/notices/v1/yellow/${slug(yellow.reference)}`);
    const unknown = ['country', 'issuing_country', 'father_name', 'father_forename', 'mother_name', 'mother_forename', 'birth_name'];
    for (const field of unknown) {
      expect(body, field).toHaveProperty(field);
      expect(body[field], field).toBeNull();
    }
    expect(body.countries_likely_to_be_visited).toEqual([]);
    expect(conformance(promisedDetail('yellow'), body)).toEqual([]);

    const red = await createNotice(store.db, wantedInput({ issuingCountry: null }));
    const redBody = (await getJson(platform.app, `/notices/v1/red/${slug(red.reference)}`)).body;
    expect(redBody).toHaveProperty('issuing_country', null);
    expect(redBody).not.toHaveProperty('father_name');
  });

  it('accepts every query parameter of the contract, empty values included', async () => {
    await createNotice(store.db, wantedInput());
    for (const colour of ['red', 'yellow'] as const) {
      const params = contract.colours[colour].queryParameters;
      expect(params.length).toBeGreaterThan(5);
      for (const p of params) {
        const res = await getJson(platform.app, `/notices/v1/${colour}?${p.name}=${encodeURIComponent(String(p.example ?? ''))}`);
        expect(res.status, `${colour} ${p.name}`).toBe(200);
      }
      const blank = params.map((p) => `${p.name}=`).join('&');
      expect((await getJson(platform.app, `/notices/v1/${colour}?${blank}`)).status).toBe(200);
    }
    const filtered = await getJson(
      platform.app,
      '/notices/v1/red?forename=Taras&name=Schewtschenko&nationality=UA&ageMin=18&ageMax=120&sexId=M&arrestWarrantCountryId=PL&freeText=&page=1&resultPerPage=20',
    );
    expect(filtered.body).toMatchObject({ total: 1, query: { name: 'Schewtschenko', nationality: 'UA', ageMin: 18, page: 1, resultPerPage: 20 } });
    expect((await getJson(platform.app, '/notices/v1/red?arrestWarrantCountryId=DE')).body).toMatchObject({ total: 0 });
    expect((await getJson(platform.app, '/notices/v1/red?sexId=F')).body).toMatchObject({ total: 0 });
    const bad = await getJson(platform.app, '/notices/v1/red?ageMin=old');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_failed', issues: [{ field: 'ageMin' }] } });
  });

  it('answers unknown, malformed and wrong-colour references with a JSON 404', async () => {
    const red = await createNotice(store.db, wantedInput());
    const draft = await createNotice(store.db, wantedInput(), 'draft');
    for (const path of [
      '/notices/v1/red/2020-99999',
      '/notices/v1/red/not-a-reference',
      `/notices/v1/yellow/${slug(red.reference)}`,
      `/notices/v1/yellow/${slug(red.reference)}/images`,
      `/notices/v1/red/${slug(draft.reference)}`,
      `/notices/v1/red/${slug(red.reference)}/images/nope`,
    ]) {
      const res = await getJson(platform.app, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('finds, re-finds under a new name and stops finding a notice as it changes in the database', async () => {
    const n = await createNotice(store.db, wantedInput());
    const names = async (query: string) =>
      ((await getJson(platform.app, `/notices/v1/red?${query}`)).body as ListBody)._embedded.notices.map((x) => x.entity_id);
    expect(await names(`name=${encodeURIComponent('Шевченко')}`)).toEqual([n.reference]);
    expect(await names('name=Schewtschenko&forename=Taras')).toEqual([n.reference]);
    expect(await names('freeText=Szewczenko')).toEqual([n.reference]);

    await changeNotice(store.db, n.id, wantedInput({ familyName: 'Bondarenko', nameOriginal: null, aliases: [] }));
    expect(await names('name=Bondarenko')).toEqual([n.reference]);
    expect(await names('name=Schewtschenko')).toEqual([]);

    await setStatus(store.db, n.id, 'withdrawn');
    expect(await names('name=Bondarenko')).toEqual([]);
    expect((await getJson(platform.app, `/notices/v1/red/${slug(n.reference)}`)).status).toBe(404);

    const feed = await platform.app.request('/notices/v1/changes.atom');
    expect(feed.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await feed.text();
    expect(xml).toContain(`Notice ${n.reference} withdrawn`);
    expect(xml).not.toMatch(/Bondarenko|BONDARENKO|Taras|TARAS/);
  });
});

describe('notices-protocol pagination', () => {
  let platform: Platform;
  beforeEach(async () => {
    const store = await freshStore('sqlite');
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 175; i++) {
        await insertNotice(trx, wantedInput({ familyName: `Person${String(i).padStart(3, '0')}`, nameOriginal: null, aliases: [] }), { status: 'published' });
      }
    });
    platform = await openTestApp(store);
  });
  afterEach(async () => {
    await platform.close();
  });

  it('defaults to 20 per page, caps pages at 160 and reaches every result past the 160th', async () => {
    const first = (await getJson(platform.app, '/notices/v1/red')).body as ListBody;
    expect(first.total).toBe(175);
    expect(first.query).toMatchObject({ page: 1, resultPerPage: 20 });
    expect(first._embedded.notices).toHaveLength(20);
    // These notices have no pictures, and like the original a notice without one has no thumbnail link.
    expect(conformance(contract.colours.red.list, first).filter((e) => !e.endsWith('_links.thumbnail is missing'))).toEqual([]);
    expect(first._links.last?.href).toBe('https://notices.example/notices/v1/red?resultPerPage=20&page=9');

    const capped = (await getJson(platform.app, '/notices/v1/red?resultPerPage=200')).body as ListBody;
    expect(capped.query).toMatchObject({ resultPerPage: 160 });
    expect(capped._embedded.notices).toHaveLength(160);
    const second = (await getJson(platform.app, '/notices/v1/red?resultPerPage=160&page=2')).body as ListBody;
    expect(second._embedded.notices).toHaveLength(15);
    expect(second._links.next).toBeUndefined();
    expect(second._links.previous?.href).toContain('page=1');

    const seen = new Set<string>();
    let next: string | undefined = '/notices/v1/red';
    while (next) {
      const page = (await getJson(platform.app, next)).body as ListBody;
      for (const n of page._embedded.notices) seen.add(n.entity_id);
      next = page._links.next?.href.replace('https://notices.example', '');
    }
    expect(seen.size).toBe(175);
  });
});

describe('several app instances over one PostgreSQL database', () => {
  const stores: Store[] = [];
  const platforms: Platform[] = [];
  afterEach(async () => {
    for (const p of platforms.splice(0)) await p.close();
    stores.splice(0);
  });

  it('finds a write made through one instance through the other, and forgets it when withdrawn', async () => {
    const adminUrl = inject('postgresUrl');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    for (let i = 0; i < 2; i++) stores.push(openStore({ databaseUrl: url, poolSize: 3 }));
    await migrateToLatest(stores[0]!);
    for (const s of stores) platforms.push(await openTestApp(s));
    const [, b] = platforms as [Platform, Platform];
    // Writes go through the first instance's own store, reads through the second instance's app.
    const viaA = stores[0]!.db;

    const n = await createNotice(viaA, wantedInput());
    const viaB = (await getJson(b.app, `/notices/v1/red?name=${encodeURIComponent('Шевченко')}`)).body as ListBody;
    expect(viaB._embedded.notices.map((x) => x.entity_id)).toEqual([n.reference]);
    const apiB = await getJson(b.app, '/api/v1/notices?familyName=Schewtschenko');
    expect(apiB.body).toMatchObject({ total: 1, results: [{ notice: { reference: n.reference }, match: { text: expect.stringContaining('Schewtschenko') } }] });

    await setStatus(viaA, n.id, 'withdrawn');
    expect(((await getJson(b.app, '/notices/v1/red?name=Shevchenko')).body as ListBody).total).toBe(0);
    expect(b.deps.noticeIndex.has(n.id)).toBe(false);
  });
});
