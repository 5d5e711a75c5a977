/** Shared helpers for the API and notice-index tests: complete notice inputs and writes that mirror the portal's. */
import type { Logger } from 'pino';
import type { NoticeInput, NoticeStatus } from '../src/core/notices.ts';
import { openPlatform } from '../src/bootstrap.ts';
import type { Db, Store } from '../src/storage/db.ts';
import { addNoticeImage, insertNotice, setNoticeStatus, updateNotice } from '../src/storage/repositories/notices.ts';
import { loadConfig, type Config } from '../src/config/config.ts';
import { createLogger } from '../src/logger.ts';

export const silentLogger: Logger = createLogger('silent');

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'false', PUBLIC_URL: 'https://notices.example', LOG_LEVEL: 'silent', ...env });
}

/** A wanted-person notice with every field filled, so each field of the API bodies carries a typed value. */
export function wantedInput(over: Partial<NoticeInput> = {}): NoticeInput {
  return {
    kind: 'wanted',
    familyName: 'Shevchenko',
    forename: 'Taras',
    nameOriginal: 'Тарас Шевченко',
    aliases: [{ familyName: 'Schewtschenko', forename: 'Taras' }],
    sex: 'M',
    dateOfBirth: '1980-03-09',
    placeOfBirth: 'Moryntsi',
    countryOfBirth: 'UA',
    nationalities: ['UA'],
    heightM: 1.82,
    weightKg: 80,
    eyeColors: ['BRO'],
    hairColors: ['BLA'],
    languages: ['UKR', 'ENG'],
    distinguishingMarks: 'Scar on the left hand',
    charges: [{ issuingCountry: 'PL', charge: 'Armed robbery in Lublin', chargeTranslation: 'Napad z bronią', crimeCategory: null }],
    disappearance: null,
    issuingCountry: 'PL',
    isDemo: false,
    ...over,
  };
}

export function missingInput(over: Partial<NoticeInput> = {}): NoticeInput {
  return wantedInput({
    kind: 'missing',
    familyName: 'Dubois',
    forename: 'Claire',
    nameOriginal: null,
    aliases: [],
    sex: 'F',
    dateOfBirth: '2001-07',
    placeOfBirth: 'Lyon',
    countryOfBirth: 'FR',
    nationalities: ['FR'],
    charges: [],
    disappearance: { date: '2024-11-02', place: 'Marseille', circumstances: 'Left home in the evening', country: 'FR', countriesLikelyToBeVisited: ['ES', 'IT'] },
    issuingCountry: 'FR',
    fatherName: 'Moreau',
    fatherForename: 'Henri',
    motherName: 'Lefebvre',
    motherForename: 'Sophie',
    birthName: 'Moreau',
    ...over,
  });
}

export async function createNotice(db: Db, input: NoticeInput, status: NoticeStatus = 'published') {
  return db.transaction().execute((trx) => insertNotice(trx, input, { status }));
}

export async function changeNotice(db: Db, id: string, input: NoticeInput): Promise<void> {
  await db.transaction().execute((trx) => updateNotice(trx, id, input));
}

export async function setStatus(db: Db, id: string, status: NoticeStatus): Promise<void> {
  await db.transaction().execute((trx) => setNoticeStatus(trx, id, status));
}

/** A 1×1 PNG, enough to test that image bytes are served as stored. */
export const tinyPng = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);

export async function addImage(db: Db, noticeId: string) {
  return db.transaction().execute((trx) => addNoticeImage(trx, noticeId, { contentType: 'image/png', width: 1, height: 1, data: tinyPng }));
}

/** An app over the given store, as `npm start` builds it (demo data off); closing it closes the store. */
export async function openTestApp(store: Store, env: Record<string, string> = {}) {
  return openPlatform(testConfig(env), silentLogger, store);
}

export async function getJson(app: { request(path: string, init?: RequestInit): Response | Promise<Response> }, path: string) {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}
