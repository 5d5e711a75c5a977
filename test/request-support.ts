/** Helpers for the notice-lifecycle tests: a platform per dialect, acting principals, complete requests, and every public surface a notice can appear on. */
import sharp from 'sharp';
import type { Platform } from '../src/bootstrap.ts';
import { AppError } from '../src/core/errors.ts';
import { checklistItems, type Checklist, type NoticeRequest, type RequestFactsInput } from '../src/core/notice-requests.ts';
import { referenceToSlug } from '../src/core/notices.ts';
import type { Principal, Role } from '../src/core/principal.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { addRequestPhoto } from '../src/services/notice-requests/request-photos.ts';
import { reviewNoticeRequest } from '../src/services/notice-requests/review-notice-request.ts';
import { submitNoticeRequest } from '../src/services/notice-requests/submit-notice-request.ts';
import type { Dialect } from '../src/storage/db.ts';
import { openTestApp } from './api-support.ts';
import { makeAgency, makeUser, nextIp } from './portal-support.ts';
import { freshStore } from './support/stores.ts';

/** TRUST_PROXY lets each surface check come from its own address, so the public and feed budgets never answer 429. */
export async function openLifecyclePlatform(dialect: Dialect): Promise<Platform> {
  return openTestApp(await freshStore(dialect), { TRUST_PROXY: 'true' });
}

export type TestAgency = { id: string; code: string; country: string; isOffice: boolean };

export async function agency(p: Platform, opts: { isOffice?: boolean; country?: string } = {}): Promise<TestAgency> {
  const country = opts.country ?? 'DE';
  const isOffice = opts.isOffice ?? false;
  const a = await makeAgency(p, { isOffice, country });
  return { ...a, country, isOffice };
}

/** A real user of the agency, and the principal a session of theirs resolves to. */
export async function actor(p: Platform, a: TestAgency, roles: Role[]): Promise<Principal> {
  const user = await makeUser(p, a.id, roles);
  return principalOf(user, a, roles);
}

export function principalOf(user: { id: string; email: string; name: string }, a: TestAgency, roles: Role[], readOnly = false): Principal {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    agencyId: a.id,
    agencyCode: a.code,
    country: a.country,
    agencyIsOffice: a.isOffice,
    roles,
    via: readOnly ? 'apikey' : 'session',
    readOnly,
    sessionId: null,
    apiKeyId: null,
  };
}

/** A wanted-person request that passes every submission check. */
export function wantedFacts(over: Partial<RequestFactsInput> = {}): RequestFactsInput & { kind: 'wanted' } {
  return {
    nationalReference: 'BKA-2026-0001',
    familyName: 'Shevchenko',
    forename: 'Taras',
    nameOriginal: 'Тарас Шевченко',
    sex: 'M',
    dateOfBirth: '1979-03-09',
    placeOfBirth: 'Moryntsi',
    countryOfBirth: 'UA',
    nationalities: ['UA'],
    languages: ['UKR'],
    distinguishingMarks: 'Scar on the left hand',
    documents: [{ kind: 'passport', number: 'FX-4471-SECRET', country: 'UA' }],
    warrants: [
      {
        issuingCountry: 'DE',
        charge: 'Armed robbery of a jeweller in Köln',
        crimeCategory: 'organised_armed_robbery',
        legalReference: '§ 250 StGB',
        warrantDate: '2025-11-03',
        warrantAuthority: 'Amtsgericht Köln',
      },
    ],
    publicExtract: { consent: true, fields: ['photos', 'dateOfBirth', 'nationalities', 'nameOriginal'] },
    ...over,
    kind: 'wanted',
  };
}

export const allConfirmed: Checklist = Object.fromEntries(checklistItems.map((i) => [i, true])) as Checklist;

export const approval = { decision: 'approve' as const, comment: '', checklist: allConfirmed };

/** Drafts (with a photo if given), submits and approves a request: the officer's agency requests, the office's reviewer approves, at `now`. */
export async function publishRequest(
  p: Platform,
  officer: Principal,
  reviewer: Principal,
  facts: RequestFactsInput & { kind: 'wanted' | 'missing' },
  now: Date,
  opts: { photo?: Uint8Array } = {},
): Promise<NoticeRequest> {
  const created = await createNoticeRequest(p.store.db, officer, facts, now);
  if (opts.photo) await addRequestPhoto(p.store.db, p.deps.photoStore, officer, created.id, opts.photo, 'image/jpeg', now);
  await submitNoticeRequest(p.store.db, p.deps.noticeIndex, officer, created.id, now);
  return reviewNoticeRequest(p.store.db, p.deps.photoStore, reviewer, created.id, approval, now);
}

/** The AppError a promise is refused with, as `code key`, or what happened instead. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return `${e.code} ${e.key}`;
    throw e;
  }
  return 'accepted';
}

/** A public request from an address of its own. */
export function publicGet(p: Platform, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-forwarded-for', nextIp());
  return Promise.resolve(p.app.request(`http://localhost${path}`, { ...init, headers }));
}

/**
 * What each public surface shows of one notice, by reference and name: `true` where the notice is listed or answered
 * (a 200 for the detail surfaces), with the detail surfaces' statuses kept to tell a 404 from a 410.
 */
export type Surfaces = {
  page: number;
  search: boolean;
  feed: boolean;
  sitemap: boolean;
  apiList: boolean;
  apiDetail: number;
  apiMatch: boolean;
  compatList: boolean;
  compatDetail: number;
  /** The compatibility change feed names the person (a withdrawal entry gives only the reference). */
  changesNamePerson: boolean;
};

export async function publicSurfaces(p: Platform, reference: string, person: { familyName: string; forename: string; kind: 'wanted' | 'missing' }): Promise<Surfaces> {
  const slug = referenceToSlug(reference);
  const colour = person.kind === 'wanted' ? 'red' : 'yellow';
  const name = encodeURIComponent(person.familyName);
  const text = async (path: string) => (await publicGet(p, path)).text();
  const apiList = (await (await publicGet(p, `/api/v1/notices?familyName=${name}`)).json()) as { results: { notice: { reference: string } }[] };
  const match = await publicGet(p, '/api/v1/match', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ names: [`${person.forename} ${person.familyName}`] }),
  });
  const matchBody = (await match.json()) as { candidates: { notice: { reference: string } }[] };
  const compat = await text(`/notices/v1/${colour}?name=${name}`);
  return {
    page: (await publicGet(p, `/notices/${slug}`)).status,
    search: (await text(`/notices?familyName=${name}`)).includes(`/notices/${slug}`),
    feed: (await text('/feeds/notices.atom')).includes(slug),
    sitemap: (await text('/sitemap.xml')).includes(slug),
    apiList: apiList.results.some((r) => r.notice.reference === reference),
    apiDetail: (await publicGet(p, `/api/v1/notices/${slug}`)).status,
    apiMatch: matchBody.candidates.some((c) => c.notice.reference === reference),
    compatList: compat.includes(slug),
    compatDetail: (await publicGet(p, `/notices/v1/${colour}/${slug}`)).status,
    changesNamePerson: (await text('/notices/v1/changes.atom')).toUpperCase().includes(person.familyName.toUpperCase()),
  };
}

/** Every surface showing the notice. */
export const everywhere: Surfaces = {
  page: 200,
  search: true,
  feed: true,
  sitemap: true,
  apiList: true,
  apiDetail: 200,
  apiMatch: true,
  compatList: true,
  compatDetail: 200,
  changesNamePerson: true,
};

/**
 * No surface showing the notice; the site's and the API's detail answer `status` (404 never published, 410 taken
 * down), the compatibility API 404 either way, since its clients know only the original protocol's answers.
 */
export const nowhere = (status: 404 | 410): Surfaces => ({
  page: status,
  search: false,
  feed: false,
  sitemap: false,
  apiList: false,
  apiDetail: status,
  apiMatch: false,
  compatList: false,
  compatDetail: 404,
  changesNamePerson: false,
});

/** A plain JPEG photo, as a camera without location would send it. */
export async function photoJpeg(width = 640, height = 800): Promise<Uint8Array> {
  return Uint8Array.from(await sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toBuffer());
}
