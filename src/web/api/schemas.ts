/** Request and response schemas of the JSON API (`/api/v1`), registered with the OpenAPI document, and the notice mapping. */
import { z } from '@hono/zod-openapi';
import { noticeKinds, noticeSorts, partialDate, referenceToSlug, sexes, type Notice } from '../../core/notices.ts';
import type { NoticeMatch } from '../../services/notices/search-notices.ts';

const country = z.string().regex(/^[A-Z]{2}$/).openapi({ description: 'ISO 3166-1 alpha-2 country code', example: 'UA' });
/** Query strings come as text; an empty value means the filter is not used. */
const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const queryText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const queryCountry = z.preprocess(
  blank,
  z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be a two-letter country code').optional(),
);
const queryInt = (min: number, max: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).optional());

export const MAX_PER_PAGE = 100;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

export const NoticeListQuery = z.object({
  kind: z.preprocess(blank, z.enum(noticeKinds).optional()).openapi({ param: { name: 'kind', in: 'query' }, description: 'wanted or missing' }),
  familyName: queryText(200).openapi({ param: { name: 'familyName', in: 'query' }, description: 'Family name, matched across spellings and scripts', example: 'Schewtschenko' }),
  forename: queryText(200).openapi({ param: { name: 'forename', in: 'query' }, description: 'Forename, matched across spellings and scripts' }),
  nationality: queryCountry.openapi({ param: { name: 'nationality', in: 'query' }, description: 'Nationality (two-letter code)', example: 'UA' }),
  ageMin: queryInt(0, 150).openapi({ param: { name: 'ageMin', in: 'query' }, description: 'Minimum age today' }),
  ageMax: queryInt(0, 150).openapi({ param: { name: 'ageMax', in: 'query' }, description: 'Maximum age today' }),
  sex: z.preprocess(blank, z.enum(sexes).optional()).openapi({ param: { name: 'sex', in: 'query' }, description: 'F, M or U (unknown)' }),
  wantedBy: queryCountry.openapi({ param: { name: 'wantedBy', in: 'query' }, description: 'Country that issued an arrest warrant' }),
  crimeCategory: queryText(64).openapi({ param: { name: 'crimeCategory', in: 'query' }, description: 'Offence category code' }),
  freeText: queryText(300).openapi({
    param: { name: 'freeText', in: 'query' },
    description: 'Words in names, places and charges; names also match across spellings',
  }),
  sort: z.preprocess(blank, z.enum(noticeSorts).default('newest')).openapi({ param: { name: 'sort', in: 'query' }, description: 'newest (or best match for name searches), oldest, name' }),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(1_000_000_000).default(1)).openapi({ param: { name: 'page', in: 'query' } }),
  perPage: z.preprocess(blank, z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(20)).openapi({ param: { name: 'perPage', in: 'query' } }),
});

export const ReferenceParam = z.object({
  id: z
    .string()
    .regex(/^\d{4}-\d{5}$/, 'must be a notice reference written YYYY-NNNNN')
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Notice reference with a dash', example: '2026-00042' }),
});

const ExplanationItemSchema = z
  .object({
    kind: z.string().openapi({ description: 'Stable code of the reason', example: 'part-matched' }),
    how: z.string().optional().openapi({ description: 'For part-matched: exact, transliteration, variant, phonetic, typo, initial, joined' }),
    side: z.enum(['query', 'candidate']).optional(),
    part: z.string().optional(),
    distance: z.number().optional(),
    verdict: z.string().optional(),
    query: z.union([z.string(), z.array(z.string())]).optional(),
    candidate: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .openapi('ExplanationItem', { description: 'One reason, with a stable `kind` code and its details' });
type ApiExplanationItem = z.infer<typeof ExplanationItemSchema>;

export const MatchSchema = z
  .object({
    score: z.number().openapi({ description: 'Similarity from 0 to 1', example: 0.94 }),
    match: z.boolean().openapi({ description: 'At or above the engine’s match threshold' }),
    explanation: z.array(ExplanationItemSchema),
    text: z.string().openapi({ description: 'The explanation as English sentences' }),
  })
  .openapi('Match');

export const NoticeSchema = z
  .object({
    reference: z.string().openapi({ example: '2026/00042' }),
    kind: z.enum(noticeKinds),
    url: z.string().openapi({ description: 'This notice in this API' }),
    familyName: z.string(),
    forename: z.string(),
    nameOriginal: z.string().nullable().openapi({ description: 'Name in its original script' }),
    aliases: z.array(z.object({ familyName: z.string(), forename: z.string() })),
    sex: z.enum(sexes),
    dateOfBirth: z.string().nullable().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
    placeOfBirth: z.string().nullable(),
    countryOfBirth: z.string().nullable(),
    nationalities: z.array(z.string()),
    heightM: z.number().nullable(),
    weightKg: z.number().nullable(),
    eyeColors: z.array(z.string()),
    hairColors: z.array(z.string()),
    languages: z.array(z.string()),
    distinguishingMarks: z.string().nullable(),
    charges: z.array(
      z.object({ issuingCountry: z.string(), charge: z.string(), chargeTranslation: z.string().nullable(), crimeCategory: z.string().nullable() }),
    ),
    disappearance: z
      .object({
        date: z.string().nullable(),
        place: z.string().nullable(),
        circumstances: z.string().nullable(),
        country: z.string().nullable().openapi({ description: 'Country where the person went missing (ISO 3166-1 alpha-2)', example: 'FR' }),
        countriesLikelyToBeVisited: z.array(z.string()).openapi({ description: 'Countries the person may travel to (ISO 3166-1 alpha-2)', example: ['ES', 'IT'] }),
      })
      .nullable()
      .openapi({ description: 'For missing persons; null on wanted notices' }),
    issuingCountry: z.string().nullable().openapi({ description: 'Country whose bureau requested the notice (ISO 3166-1 alpha-2)', example: 'PL' }),
    fatherName: z.string().nullable().openapi({ description: 'Father’s family name, when known' }),
    fatherForename: z.string().nullable().openapi({ description: 'Father’s forename, when known' }),
    motherName: z.string().nullable().openapi({ description: 'Mother’s family name, when known' }),
    motherForename: z.string().nullable().openapi({ description: 'Mother’s forename, when known' }),
    birthName: z.string().nullable().openapi({ description: 'Family name at birth, when it differs and is known' }),
    images: z.array(z.object({ id: z.string(), url: z.string(), contentType: z.string(), width: z.number().int(), height: z.number().int() })),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    demo: z.boolean().openapi({ description: 'Fictional demonstration record' }),
  })
  .openapi('Notice');

export const NoticeResultSchema = z
  .object({ notice: NoticeSchema, match: MatchSchema.nullable().openapi({ description: 'Why it matched, for name searches' }) })
  .openapi('NoticeResult');

const link = z.object({ href: z.string() });

export const NoticeListSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    pages: z.number().int(),
    results: z.array(NoticeResultSchema),
    links: z.object({ self: link, first: link, last: link, next: link.optional(), previous: link.optional() }),
  })
  .openapi('NoticeList');

export const MatchRequestSchema = z
  .object({
    names: z
      .array(z.string().trim().min(1).max(300))
      .min(1)
      .max(10)
      .openapi({ description: 'Every known name of the person, in any script', example: ['Taras Schewtschenko'] }),
    dateOfBirth: partialDate.optional().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD', example: '1980-03-09' }),
    nationality: country.optional(),
    nationalities: z.array(country).max(10).optional(),
    sex: z.enum(sexes).optional(),
    kind: z.enum(noticeKinds).optional().openapi({ description: 'Only wanted or only missing persons' }),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .openapi('MatchRequest');

export const MatchResponseSchema = z
  .object({
    candidates: z.array(
      z.object({ score: z.number(), match: z.boolean(), explanation: z.array(ExplanationItemSchema), text: z.string(), notice: NoticeSchema }),
    ),
  })
  .openapi('MatchResponse');

export type ApiNotice = z.infer<typeof NoticeSchema>;

/** The public view of a notice: no internal id or audit fields; image URLs point at the public image files. */
export function toApiNotice(base: string, n: Notice): ApiNotice {
  const slug = referenceToSlug(n.reference);
  const colour = n.kind === 'wanted' ? 'red' : 'yellow';
  return {
    reference: n.reference,
    kind: n.kind,
    url: `${base}/api/v1/notices/${slug}`,
    familyName: n.familyName,
    forename: n.forename,
    nameOriginal: n.nameOriginal,
    aliases: n.aliases,
    sex: n.sex,
    dateOfBirth: n.dateOfBirth,
    placeOfBirth: n.placeOfBirth,
    countryOfBirth: n.countryOfBirth,
    nationalities: n.nationalities,
    heightM: n.heightM,
    weightKg: n.weightKg,
    eyeColors: n.eyeColors,
    hairColors: n.hairColors,
    languages: n.languages,
    distinguishingMarks: n.distinguishingMarks,
    charges: n.charges,
    disappearance: n.disappearance,
    issuingCountry: n.issuingCountry,
    fatherName: n.fatherName,
    fatherForename: n.fatherForename,
    motherName: n.motherName,
    motherForename: n.motherForename,
    birthName: n.birthName,
    images: n.images.map((i) => ({
      id: i.id,
      url: `${base}/notices/v1/${colour}/${slug}/images/${i.id}`,
      contentType: i.contentType,
      width: i.width,
      height: i.height,
    })),
    publishedAt: n.publishedAt,
    updatedAt: n.updatedAt,
    demo: n.isDemo,
  };
}

function toApiExplanationItem(item: NoticeMatch['explanation'][number]): ApiExplanationItem {
  return item.kind === 'nationality' ? { ...item, query: [...item.query], candidate: [...item.candidate] } : item;
}

export const toApiMatch = (m: NoticeMatch) => ({
  score: m.score,
  match: m.match,
  explanation: m.explanation.map(toApiExplanationItem),
  text: m.text,
});
