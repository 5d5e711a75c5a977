/**
 * A compatibility API speaking the international police network's public notices protocol (red = our wanted, yellow =
 * our missing): same paths, query parameters and HAL-style bodies, so existing clients work when pointed here. Beyond
 * the original: pagination reaches every result, names match across spellings and scripts, and an Atom feed of changes.
 */
import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { referenceToSlug, sexes, type NamePattern, type Notice, type NoticeImageRef, type NoticeKind, type NoticeSummary } from '../../core/notices.ts';
import { getPublishedNotice, getPublishedNoticeImage } from '../../services/notices/get-published-notice.ts';
import { listChangedNotices } from '../../services/notices/list-notice-changes.ts';
import { compileNamePattern, isNamePattern, MAX_PATTERN_LENGTH } from '../../services/notices/name-pattern.ts';
import { searchNoticeSummaries } from '../../services/notices/search-notice-summaries.ts';
import type { DbHandle } from '../../services/db-handle.ts';
import type { NoticeIndex } from '../../services/notices/notice-index.ts';
import type { Routes } from '../pipeline/routes.ts';
import { KeptValues } from '../../core/lru.ts';
import { JsonText, jsonDocument } from '../render.tsx';

export const colours = ['red', 'yellow'] as const;
export type Colour = (typeof colours)[number];
const kindOf: Record<Colour, NoticeKind> = { red: 'wanted', yellow: 'missing' };
const colourOf: Record<NoticeKind, Colour> = { wanted: 'red', missing: 'yellow' };

export const DEFAULT_RESULT_PER_PAGE = 20;
export const MAX_RESULT_PER_PAGE = 160;
const FEED_ENTRIES = 50;

/** Clients of the original send every parameter, empty ones included: empty means absent. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be a two-letter country code');
/**
 * Clients send out-of-range ages to mean "no bound" (`ageMax=300`) and a crawler treats any non-200 as fatal, so ages
 * are clamped into 0–150 rather than refused; only what is not a number at all is a 400.
 */
const MAX_PROTOCOL_AGE = 150;
const age = z.coerce.number().int().transform((n) => Math.min(MAX_PROTOCOL_AGE, Math.max(0, n)));

/**
 * `name` and `forename` are patterns in the original service: with a metacharacter they are compiled (RE2, linear
 * time) and refused with a 400 when RE2 cannot compile them; without one they are plain names, searched as such.
 */
const nameOrPattern = z
  .string()
  .trim()
  .max(MAX_PATTERN_LENGTH)
  .refine((v) => !isNamePattern(v) || compileNamePattern(v) !== null, 'is not a supported pattern');

/** The plain name, or the compiled pattern, of a validated `name`/`forename`. */
function nameFilter(value: string | undefined): { plain?: string; pattern?: NamePattern } {
  if (value === undefined) return {};
  if (!isNamePattern(value)) return { plain: value };
  const pattern = compileNamePattern(value);
  return pattern ? { pattern } : {};
}

const listQuery = z.object({
  forename: optional(nameOrPattern),
  name: optional(nameOrPattern),
  nationality: optional(country),
  ageMin: optional(age),
  ageMax: optional(age),
  sexId: optional(z.string().trim().toUpperCase().pipe(z.enum(sexes))),
  arrestWarrantCountryId: optional(country),
  freeText: optional(z.string().trim().max(300)),
  page: optional(z.coerce.number().int().min(1).max(1_000_000_000)),
  resultPerPage: optional(z.coerce.number().int().min(1)),
});
type ListQuery = z.infer<typeof listQuery>;

/** Order of the parameters echoed in `_links`, as the original writes them. */
const filterParams = ['forename', 'name', 'nationality', 'ageMin', 'ageMax', 'sexId', 'arrestWarrantCountryId', 'freeText'] as const;

const href = (url: string) => ({ href: url });

/** `1980-05-01` → `1980/05/01`; partial dates stay partial (`1980`, `1980/05`). */
export const slashDate = (date: string | null): string | null => (date ? date.replaceAll('-', '/') : null);

/** The original writes names in capitals. */
const upper = (text: string): string => text.toLocaleUpperCase('en');

function noticeUrl(base: string, n: Pick<Notice, 'reference' | 'kind'>): string {
  return `${base}/notices/v1/${colourOf[n.kind]}/${referenceToSlug(n.reference)}`;
}

function noticeLinks(base: string, n: Pick<Notice, 'reference' | 'kind'>, first: NoticeImageRef | undefined) {
  const self = noticeUrl(base, n);
  return {
    self: href(self),
    images: href(`${self}/images`),
    ...(first ? { thumbnail: href(`${self}/images/${first.id}`) } : {}),
  };
}

function listItem(base: string, n: NoticeSummary) {
  return {
    forename: n.forename ? upper(n.forename) : null,
    date_of_birth: slashDate(n.dateOfBirth),
    entity_id: n.reference,
    nationalities: n.nationalities,
    name: upper(n.familyName),
    _links: noticeLinks(base, n, n.photo ?? undefined),
  };
}

/** Fields both colours share; unknown height and weight read 0, as in the original. */
function commonDetail(base: string, n: Notice) {
  return {
    entity_id: n.reference,
    name: upper(n.familyName),
    forename: n.forename ? upper(n.forename) : null,
    date_of_birth: slashDate(n.dateOfBirth),
    place_of_birth: n.placeOfBirth,
    country_of_birth_id: n.countryOfBirth,
    nationalities: n.nationalities,
    sex_id: n.sex,
    height: n.heightM ?? 0,
    weight: n.weightKg === null ? 0 : Math.round(n.weightKg),
    eyes_colors_id: n.eyeColors,
    hairs_id: n.hairColors,
    languages_spoken_ids: n.languages,
    distinguishing_marks: n.distinguishingMarks,
    _embedded: { links: [] as string[] },
    _links: noticeLinks(base, n, n.images[0]),
  };
}

/** `issuing_country` (the requesting bureau) goes beyond the reference's red body; clients ignore fields they do not know. */
export function redDetail(base: string, n: Notice) {
  return {
    ...commonDetail(base, n),
    arrest_warrants: n.charges.map((c) => ({ issuing_country_id: c.issuingCountry, charge: c.charge, charge_translation: c.chargeTranslation })),
    issuing_country: n.issuingCountry,
  };
}

const upperOrNull = (text: string | null): string | null => (text ? upper(text) : null);

/** Names in capitals like the person's; unknown values present and null (an unknown list empty), as the original sends them. */
export function yellowDetail(base: string, n: Notice) {
  return {
    ...commonDetail(base, n),
    birth_name: upperOrNull(n.birthName),
    father_name: upperOrNull(n.fatherName),
    father_forename: upperOrNull(n.fatherForename),
    mother_forename: upperOrNull(n.motherForename),
    mother_name: upperOrNull(n.motherName),
    place: n.disappearance?.place ?? null,
    date_of_event: slashDate(n.disappearance?.date ?? null),
    country: n.disappearance?.country ?? null,
    countries_likely_to_be_visited: n.disappearance?.countriesLikelyToBeVisited ?? [],
    issuing_country: n.issuingCountry,
  };
}

function imagesBody(base: string, n: Notice) {
  const self = noticeUrl(base, n);
  const first = n.images[0];
  return {
    _embedded: { images: n.images.map((i) => ({ picture_id: i.id, _links: { self: href(`${self}/images/${i.id}`) } })) },
    _links: {
      self: href(`${self}/images`),
      notice: href(self),
      ...(first ? { thumbnail: href(`${self}/images/${first.id}`) } : {}),
    },
  };
}

function listUrl(base: string, colour: Colour, q: ListQuery, perPage: number, page: number): string {
  const params = new URLSearchParams();
  for (const key of filterParams) {
    const v = q[key];
    if (v !== undefined) params.set(key, String(v));
  }
  params.set('resultPerPage', String(perPage));
  params.set('page', String(page));
  return `${base}/notices/v1/${colour}?${params.toString()}`;
}

/**
 * A published notice of the colour asked for, or 404 (a red reference asked for under yellow is not found). A
 * withdrawn notice is the protocol's 404 too, not the site's 410: existing clients know only the protocol's answers,
 * and learn of the withdrawal from the changes feed.
 */
async function findNotice(db: DbHandle, colour: Colour, slug: string): Promise<Notice> {
  const n = await getPublishedNotice(db, slug).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'gone') return undefined;
    throw err;
  });
  if (!n || n.kind !== kindOf[colour]) throw notFound();
  return n;
}

type ListResult = { total: number; notices: NoticeSummary[] };

async function runList(db: DbHandle, deps: { noticeIndex: NoticeIndex }, colour: Colour, q: ListQuery): Promise<ListResult> {
  const perPage = Math.min(q.resultPerPage ?? DEFAULT_RESULT_PER_PAGE, MAX_RESULT_PER_PAGE);
  const family = nameFilter(q.name);
  const forename = nameFilter(q.forename);
  return searchNoticeSummaries(
    db,
    {
      kind: kindOf[colour],
      familyName: family.plain,
      forename: forename.plain,
      familyNamePattern: family.pattern,
      forenamePattern: forename.pattern,
      nationality: q.nationality,
      ageMin: q.ageMin,
      ageMax: q.ageMax,
      sex: q.sexId,
      wantedBy: colour === 'red' ? q.arrestWarrantCountryId : undefined,
      freeText: q.freeText,
      sort: 'newest',
      page: q.page ?? 1,
      perPage,
    },
    new Date(),
    deps.noticeIndex,
  );
}

/** List items kept serialised, about 400 bytes each; a crawler's page holds up to 160 of them. */
const MAX_KEPT_ITEMS = 20_000;

/**
 * Each notice's list item as JSON, by site address and notice, from the summary it was written from: the catalogue
 * hands out a new summary when a notice changes, and nothing in an item depends on the day.
 */
const keptItems = new KeptValues<string>(MAX_KEPT_ITEMS);

function listItemJson(base: string, n: NoticeSummary): string {
  return keptItems.get(`${base} ${n.id}`, n, () => JSON.stringify(listItem(base, n)));
}

/** The list's body, written as `JSON.stringify` would write it (the same keys in the same order), items from the kept ones. */
function listBody(base: string, colour: Colour, q: ListQuery, result: ListResult): JsonText {
  const perPage = Math.min(q.resultPerPage ?? DEFAULT_RESULT_PER_PAGE, MAX_RESULT_PER_PAGE);
  const page = q.page ?? 1;
  const last = Math.max(1, Math.ceil(result.total / perPage));
  const echoed = Object.fromEntries(filterParams.flatMap((k) => (q[k] === undefined ? [] : [[k, q[k]]])));
  const head = JSON.stringify({ total: result.total, query: { ...echoed, page, resultPerPage: perPage } });
  const links = JSON.stringify({
    self: href(listUrl(base, colour, q, perPage, page)),
    first: href(listUrl(base, colour, q, perPage, 1)),
    ...(page > 1 ? { previous: href(listUrl(base, colour, q, perPage, Math.min(page - 1, last))) } : {}),
    ...(page < last ? { next: href(listUrl(base, colour, q, perPage, page + 1)) } : {}),
    last: href(listUrl(base, colour, q, perPage, last)),
  });
  const items = result.notices.map((n) => listItemJson(base, n)).join(',');
  return new JsonText(`${head.slice(0, -1)},"_embedded":{"notices":[${items}]},"_links":${links}}`);
}

const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);

type FeedEntry = { notice: Notice; change: 'published' | 'updated' | 'withdrawn' };

/** Adding pictures right after publishing touches the notice again; that is still its publication. */
const isFreshlyPublished = (n: Notice): boolean =>
  n.publishedAt !== null && Date.parse(n.updatedAt) - Date.parse(n.publishedAt) < 60_000;

/** The newest change per notice from the change log; drafts never published are not news, and stay out. */
function feedEntries(notices: Notice[]): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const notice of notices) {
    if (notice.status === 'published') entries.push({ notice, change: isFreshlyPublished(notice) ? 'published' : 'updated' });
    else if (notice.publishedAt) entries.push({ notice, change: 'withdrawn' });
  }
  return entries.slice(0, FEED_ENTRIES);
}

function feedEntry(base: string, { notice: n, change }: FeedEntry): string {
  const url = noticeUrl(base, n);
  const what = n.kind === 'wanted' ? 'Wanted' : 'Missing';
  // A withdrawn notice says only that: its reference, never the person's data.
  const title = change === 'withdrawn' ? `Notice ${n.reference} withdrawn` : `${what}: ${upper(n.familyName)}${n.forename ? `, ${n.forename}` : ''} (${n.reference})`;
  const text =
    change === 'withdrawn'
      ? `Notice ${n.reference} has been withdrawn and is no longer public. Remove it from any copy you keep.`
      : `${change === 'published' ? 'Published' : 'Updated'} ${what.toLowerCase()} person notice ${n.reference}.`;
  const link = change === 'withdrawn' ? '' : `<link rel="alternate" type="application/json" href="${xml(url)}"/>`;
  return `<entry><id>${xml(`${url}#${n.updatedAt}`)}</id><title>${xml(title)}</title><updated>${n.updatedAt}</updated>${link}<category term="${change}"/><content type="text">${xml(text)}</content></entry>`;
}

function feedBody(config: Config, entries: FeedEntry[]): string {
  const base = config.publicUrl;
  const self = `${base}/notices/v1/changes.atom`;
  const updated = entries.reduce((max, e) => (e.notice.updatedAt > max ? e.notice.updatedAt : max), '1970-01-01T00:00:00.000Z');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>${xml(self)}</id>` +
    `<title>${xml(`${config.site.name}: notice changes`)}</title><updated>${updated}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/><author><name>${xml(config.site.name)}</name></author>` +
    `${entries.map((e) => feedEntry(base, e)).join('')}</feed>\n`
  );
}

const idParams = z.object({ id: z.string().max(40) });
const imageParams = z.object({ id: z.string().max(40), imageId: z.string().max(40) });

const unListQuery = z.object({
  page: optional(z.coerce.number().int().min(1).max(1_000_000_000)),
  resultPerPage: optional(z.coerce.number().int().min(1)),
  name: optional(z.string().max(200)),
  unReference: optional(z.string().max(100)),
  unResolution: optional(z.string().max(20)),
});
const unParams = z.object({ noticeType: z.string().max(20), id: z.string().max(40) });

/** This office publishes no UN notices: the list is well formed and empty, so clients looping over all three lists go on. */
function emptyUnList(origin: string, q: z.infer<typeof unListQuery>) {
  const perPage = Math.min(q.resultPerPage ?? DEFAULT_RESULT_PER_PAGE, MAX_RESULT_PER_PAGE);
  const params = new URLSearchParams();
  for (const key of ['name', 'unReference', 'unResolution'] as const) if (q[key] !== undefined) params.set(key, String(q[key]));
  params.set('resultPerPage', String(perPage));
  params.set('page', '1');
  const url = `${origin}/notices/v1/un?${params.toString()}`;
  return { total: 0, query: { page: q.page ?? 1, resultPerPage: perPage }, _embedded: { notices: [] }, _links: { self: href(url), first: href(url), last: href(url) } };
}

export function registerCompatRoutes(routes: Routes): void {
  const base = '/notices/v1';
  const open = { limit: 'compat', auth: 'optional-api-key', authorise: 'public' } as const;
  routes.apiRead(`${base}/un`, {
    ...open,
    input: { query: unListQuery },
    run: async () => undefined,
    render: (c, _out, input) => c.json(emptyUnList(c.get('deps').config.publicUrl, input.query)),
  });
  for (const path of [`${base}/un/:noticeType/:id`, `${base}/un/:noticeType/:id/images`, `${base}/un/:noticeType/:id/images/:imageId`]) {
    routes.apiRead(path, {
      ...open,
      input: { params: unParams.extend({ imageId: z.string().max(40).optional() }) },
      run: async () => {
        throw notFound();
      },
      render: (c) => c.json({}),
    });
  }
  routes.apiRead(`${base}/changes.atom`, {
    limit: 'compat',
    authorise: 'public',
    run: async ({ db }) => feedEntries(await listChangedNotices(db, FEED_ENTRIES * 10)),
    render: (c, entries) =>
      c.body(feedBody(c.get('deps').config, entries), 200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' }),
  });
  for (const colour of colours) {
    routes.apiRead(`${base}/${colour}`, {
      ...open,
      input: { query: listQuery },
      run: ({ db, deps, input }) => runList(db, deps, colour, input.query),
      render: (c, result, input) => jsonDocument(c, listBody(c.get('deps').config.publicUrl, colour, input.query, result)),
    });
    routes.apiRead(`${base}/${colour}/:id`, {
      ...open,
      input: { params: idParams },
      run: ({ db, input }) => findNotice(db, colour, input.params.id),
      render: (c, n) => {
        const origin = c.get('deps').config.publicUrl;
        return c.json(colour === 'red' ? redDetail(origin, n) : yellowDetail(origin, n));
      },
    });
    routes.apiRead(`${base}/${colour}/:id/images`, {
      ...open,
      input: { params: idParams },
      run: ({ db, input }) => findNotice(db, colour, input.params.id),
      render: (c, n) => c.json(imagesBody(c.get('deps').config.publicUrl, n)),
    });
    routes.apiRead(`${base}/${colour}/:id/images/:imageId`, {
      ...open,
      limit: 'images',
      input: { params: imageParams },
      run: async ({ db, input }) => {
        await findNotice(db, colour, input.params.id);
        const image = await getPublishedNoticeImage(db, input.params.id, input.params.imageId);
        if (!image) throw notFound();
        return image;
      },
      render: (c, image) => {
        const type = image.contentType.startsWith('image/') ? image.contentType : 'application/octet-stream';
        // Short caching: a withdrawn notice's pictures must stop circulating soon.
        return c.body(new Uint8Array(image.data), 200, { 'content-type': type, 'cache-control': 'public, max-age=300' });
      },
    });
  }
}
