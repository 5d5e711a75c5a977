/** The public notice search query: its zod schema, its mapping to repository filters and its canonical query string. */
import { z } from 'zod';
import { isKnownCountry } from '../../../core/countries.ts';
import { crimeCategoryCodes } from '../../../core/crime-categories.ts';
import { noticeKinds, noticeSorts, sexes, type NoticeFilters } from '../../../core/notices.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Deep offsets cost the database work and no person pages that far; the bound keeps `page` a small number. */
export const MAX_PAGE = 10_000;
export const MAX_AGE = 120;

const text = (max: number) => z.string().max(max).optional();
const country = z.string().refine(isKnownCountry, 'must be an ISO 3166-1 alpha-2 country code').optional();
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const noticeQuerySchema = z
  .object({
    kind: z.enum(noticeKinds).optional(),
    familyName: text(100),
    forename: text(100),
    nationality: country,
    ageMin: wholeNumber(0, MAX_AGE).optional(),
    ageMax: wholeNumber(0, MAX_AGE).optional(),
    sex: z.enum(sexes).optional(),
    wantedBy: country,
    crime: z.enum(crimeCategoryCodes).optional(),
    q: text(200),
    sort: z.enum(noticeSorts).default('newest'),
    page: wholeNumber(1, MAX_PAGE).default(1),
    perPage: wholeNumber(1, MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  })
  .superRefine((v, ctx) => {
    if (v.ageMin !== undefined && v.ageMax !== undefined && v.ageMax < v.ageMin)
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: 'must not be below the minimum age' });
  });

export type NoticeQuery = z.infer<typeof noticeQuerySchema>;
export type NoticeQueryField = keyof NoticeQuery;

/** The parameters a form sends, trimmed, with empty ones dropped so "any" choices read as absent. */
export function rawNoticeQuery(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const v = value.trim();
    if (v !== '') out[key] = v;
  }
  return out;
}

export function toFilters(q: NoticeQuery): NoticeFilters {
  return {
    kind: q.kind,
    familyName: q.familyName,
    forename: q.forename,
    nationality: q.nationality,
    ageMin: q.ageMin,
    ageMax: q.ageMax,
    sex: q.sex,
    wantedBy: q.wantedBy,
    crimeCategory: q.crime,
    freeText: q.q,
    sort: q.sort,
    page: q.page,
    perPage: q.perPage,
  };
}

const order: readonly NoticeQueryField[] = ['kind', 'familyName', 'forename', 'nationality', 'ageMin', 'ageMax', 'sex', 'wantedBy', 'crime', 'q', 'sort', 'perPage', 'page'];

/** The query string of a search, in a fixed order and without defaults, so every results page has one stable URL. */
export function queryString(q: NoticeQuery, page: number = q.page): string {
  const params = new URLSearchParams();
  const values: NoticeQuery = { ...q, page };
  for (const key of order) {
    const value = values[key];
    if (value === undefined) continue;
    if ((key === 'sort' && value === 'newest') || (key === 'perPage' && value === DEFAULT_PER_PAGE) || (key === 'page' && value === 1)) continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/** The query strings of a search's pages, as `queryString` writes them: built once, the page (which comes last) appended. */
export function pageQueries(q: NoticeQuery): (page: number) => string {
  const first = queryString(q, 1);
  return (page) => (page === 1 ? first : first === '' ? `page=${page}` : `${first}&page=${page}`);
}
