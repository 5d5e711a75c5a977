/**
 * The public notices protocol's later fields (country of disappearance, countries likely to be visited, issuing country,
 * parents' and birth names) through the JSON API, its OpenAPI document and the public notice page, in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Notice } from '../src/core/notices.ts';
import { createNotice, getJson, missingInput, openTestApp, wantedInput } from './api-support.ts';
import { freshStore } from './support/stores.ts';

const bareMissing = missingInput({
  familyName: 'Bernard',
  disappearance: { date: '2024-11-02', place: 'Marseille', circumstances: 'Left home in the evening' },
  issuingCountry: null,
  fatherName: null,
  fatherForename: null,
  motherName: null,
  motherForename: null,
  birthName: null,
});

describe('public notices protocol fields in the JSON API and on the notice page', () => {
  let platform: Platform;
  let full: Notice;
  let bare: Notice;
  let wanted: Notice;
  beforeAll(async () => {
    const store = await freshStore('sqlite');
    full = await createNotice(store.db, missingInput());
    bare = await createNotice(store.db, bareMissing);
    wanted = await createNotice(store.db, wantedInput());
    platform = await openTestApp(store);
  });
  afterAll(async () => platform.close());

  const dashed = (n: Notice) => n.reference.replace('/', '-');
  const page = async (path: string) => {
    const res = await platform.app.request(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  /** The definition list entry for a term, as the page renders it. */
  const fact = (term: string, value: string) => `<dt>${term}</dt><dd>${value}</dd>`;

  it('gives the facts in camelCase, as written, with nulls and an empty list when unknown', async () => {
    const detail = (await getJson(platform.app, `/api/v1/notices/${dashed(full)}`)).body;
    expect(detail).toMatchObject({
      disappearance: { date: '2024-11-02', place: 'Marseille', country: 'FR', countriesLikelyToBeVisited: ['ES', 'IT'] },
      issuingCountry: 'FR',
      fatherName: 'Moreau',
      fatherForename: 'Henri',
      motherName: 'Lefebvre',
      motherForename: 'Sophie',
      birthName: 'Moreau',
    });
    const unknown = (await getJson(platform.app, `/api/v1/notices/${dashed(bare)}`)).body;
    expect(unknown).toMatchObject({
      disappearance: { country: null, countriesLikelyToBeVisited: [] },
      issuingCountry: null,
      fatherName: null,
      fatherForename: null,
      motherName: null,
      motherForename: null,
      birthName: null,
    });
    const red = (await getJson(platform.app, `/api/v1/notices/${dashed(wanted)}`)).body;
    expect(red).toMatchObject({ disappearance: null, issuingCountry: 'PL', fatherName: null });
    const listed = (await getJson(platform.app, '/api/v1/notices?kind=missing&familyName=Dubois')).body as { results: { notice: Record<string, unknown> }[] };
    expect(listed.results[0]?.notice).toMatchObject({ issuingCountry: 'FR', disappearance: { country: 'FR' } });
  });

  it('describes them in the OpenAPI document', async () => {
    const doc = (await getJson(platform.app, '/api/openapi.json')).body as {
      components: { schemas: { Notice: { properties: Record<string, { properties?: Record<string, { type?: unknown; items?: unknown }> }>; required?: string[] } } };
    };
    const notice = doc.components.schemas.Notice;
    expect(Object.keys(notice.properties)).toEqual(expect.arrayContaining(['issuingCountry', 'fatherName', 'fatherForename', 'motherName', 'motherForename', 'birthName']));
    expect(notice.required).toEqual(expect.arrayContaining(['issuingCountry', 'fatherName', 'birthName']));
    const disappearance = notice.properties.disappearance?.properties ?? {};
    expect(disappearance.countriesLikelyToBeVisited).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(disappearance).toHaveProperty('country');
  });

  it('shows the country of disappearance, the likely destinations and the parents’ and birth names, in the reader’s language', async () => {
    const en = await page(`/notices/${dashed(full)}`);
    expect(en).toContain(fact('Country of disappearance', 'France'));
    expect(en).toContain(fact('Countries the person may travel to', 'Spain and Italy'));
    expect(en).toContain(fact('Father', '<span dir="auto">Henri Moreau</span>'));
    expect(en).toContain(fact('Mother', '<span dir="auto">Sophie Lefebvre</span>'));
    expect(en).toContain(fact('Family name at birth', '<span dir="auto">Moreau</span>'));
    const fr = await page(`/fr/notices/${dashed(full)}`);
    expect(fr).toContain(fact('Pays de la disparition', 'France'));
    expect(fr).toContain(fact('Pays où la personne pourrait se rendre', 'Espagne et Italie'));
    expect(fr).toContain(fact('Père', '<span dir="auto">Henri Moreau</span>'));
  });

  it('leaves out what the notice does not know', async () => {
    const en = await page(`/notices/${dashed(bare)}`);
    expect(en).toContain(fact('Place of disappearance', '<span dir="auto">Marseille</span>'));
    for (const term of ['Country of disappearance', 'Countries the person may travel to', 'Father', 'Mother', 'Family name at birth'])
      expect(en, term).not.toContain(`<dt>${term}</dt>`);
  });
});
