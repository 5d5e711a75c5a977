/**
 * Text filters and name patterns end to end: `%`, `_` and `\` are never wildcards and punctuation alone matches no one
 * (public page, JSON API, compatibility API); compatibility `name`/`forename` are RE2 patterns; ages use the full date
 * of birth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Store } from '../src/storage/db.ts';
import { createNotice, getJson, missingInput, openTestApp, wantedInput } from './api-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const day = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The date `years` years before today, shifted by `days`. */
function yearsAgo(years: number, days = 0): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()) + days * day);
  return iso(d);
}

type Listed = { total: number; _embedded: { notices: { name: string; forename: string | null }[] } };

describe.each(dialects)('text filters, patterns and ages on %s', (dialect) => {
  let store: Store;
  let platform: Platform;
  const people = [
    ['Novak', 'Jan', yearsAgo(18)],
    ['Horvat', 'Ana', yearsAgo(18, 1)],
    ['Kovač', 'Ivan', yearsAgo(19, 1)],
    ['Li', 'Wei', yearsAgo(19)],
    ['Smith-Jones', 'Mary', String(new Date().getUTCFullYear() - 18)],
    ['Nowak', 'Piotr', null],
  ] as const;
  beforeAll(async () => {
    store = await freshStore(dialect);
    for (const [familyName, forename, dateOfBirth] of people) {
      await createNotice(store.db, wantedInput({ familyName, forename, dateOfBirth, nameOriginal: null, aliases: [] }));
    }
    await createNotice(store.db, missingInput({ familyName: 'Berg', forename: 'Lena' }));
    platform = await openTestApp(store);
  }, 60_000);
  afterAll(async () => platform.close());

  const red = async (query: string) => {
    const res = await getJson(platform.app, `/notices/v1/red?resultPerPage=160&${query}`);
    return { status: res.status, body: res.body as unknown as Listed };
  };
  const names = async (query: string) => (await red(query)).body._embedded.notices.map((n) => n.name).sort();
  const api = async (query: string) => (await getJson(platform.app, `/api/v1/notices?${query}`)).body as { total: number };

  it('treats %, _ and \\ literally and matches nothing on punctuation alone, in every text filter', async () => {
    for (const value of ['%', '_', '\\', '-', '...', '%%', '_%']) {
      const q = encodeURIComponent(value);
      for (const [param, publicParam] of [['familyName', 'familyName'], ['forename', 'forename'], ['freeText', 'q']] as const) {
        expect((await api(`${param}=${q}`)).total, `${param}=${value}`).toBe(0);
        const page = await platform.app.request(`/notices?${publicParam}=${q}`);
        expect(page.status, `${param}=${value}`).toBe(200);
        expect(await page.text(), `${param}=${value}`).not.toContain('Novak');
      }
      expect((await red(`freeText=${q}`)).body.total, `freeText=${value}`).toBe(0);
    }
    for (const value of ['-', "'", '--', '%', '_', '%_']) {
      const q = encodeURIComponent(value);
      expect((await red(`name=${q}`)).body.total, `name=${value}`).toBe(0);
      expect((await red(`forename=${q}`)).body.total, `forename=${value}`).toBe(0);
    }
    // A wildcard would make these match Novak; as text they are prefixes no name has.
    for (const value of ['N%k', 'N_vak']) expect((await api(`familyName=${encodeURIComponent(value)}`)).total, value).toBe(0);
    expect((await api('familyName=Nov')).total).toBe(1);
    // Punctuation separates words, as in the stored folded text: `No%` is the prefix `no`.
    expect((await api('familyName=No%25')).total).toBe(2);
  });

  it('evaluates name and forename as patterns: anchors, classes, counts and repetition, case-insensitive', async () => {
    expect(await names(`name=${encodeURIComponent('^.....$')}`)).toEqual(['KOVAČ', 'NOVAK', 'NOWAK']);
    expect(await names(`name=${encodeURIComponent('^.{2}$')}`)).toEqual(['LI']);
    expect(await names(`name=${encodeURIComponent('^no[vw]ak$')}`)).toEqual(['NOVAK', 'NOWAK']);
    expect(await names(`name=${encodeURIComponent('^[^N].*$')}`)).toEqual(['HORVAT', 'KOVAČ', 'LI', 'SMITH-JONES']);
    expect(await names(`name=${encodeURIComponent('-JONES$')}`)).toEqual(['SMITH-JONES']);
    expect(await names(`name=${encodeURIComponent('^HORVATS?$')}`)).toEqual(['HORVAT']);
    expect(await names(`name=${encodeURIComponent('^.*a.*$')}`)).toEqual(['HORVAT', 'KOVAČ', 'NOVAK', 'NOWAK']);
    expect(await names(`forename=${encodeURIComponent('^[a-j][a-z]{2}$')}`)).toEqual(['HORVAT', 'NOVAK']);
    expect(await names(`name=${encodeURIComponent('^.....$')}&forename=${encodeURIComponent('^p')}`)).toEqual(['NOWAK']);
    // Yellow lists only missing persons, with the same patterns.
    const yellow = await getJson(platform.app, `/notices/v1/yellow?name=${encodeURIComponent('^....$')}`);
    expect((yellow.body as unknown as Listed)._embedded.notices.map((n) => n.name)).toEqual(['BERG']);
    // A plain name is still the name search (spellings, prefixes), not a pattern.
    expect(await names('name=Novak')).toContain('NOVAK');
    expect(await names('name=Smith-Jones')).toEqual(['SMITH-JONES']);
  });

  it('refuses patterns RE2 cannot evaluate and overly long ones with a 400', async () => {
    for (const bad of ['(a)\\1', '(?=a)', '[a-', 'a{2000}', '(', `^${'.'.repeat(250)}$`]) {
      const res = await red(`name=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('counts ages with the full date of birth: an 18th birthday tomorrow is 17', async () => {
    expect(await names('ageMin=18&ageMax=18')).toEqual(['NOVAK', 'KOVAČ', 'SMITH-JONES'].sort());
    expect(await names('ageMax=17')).toEqual(['HORVAT', 'SMITH-JONES']);
    expect(await names('ageMin=19')).toEqual(['LI']);
    expect((await api('ageMin=18&ageMax=18')).total).toBe(3);
  });
});
