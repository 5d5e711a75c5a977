/** Request and response schemas of the notice-request endpoints of the JSON API, and the mapping of requests to their JSON answers. */
import { z } from '@hono/zod-openapi';
import {
  liveStatuses,
  requestFactsSchema,
  requestStatuses,
  reviewDecisions,
  withdrawalReasons,
  type ChecklistItem,
  type NoticeRequest,
  type RequestFacts,
  type RequestPhoto,
} from '../../core/notice-requests.ts';
import { noticeKinds, referenceToSlug } from '../../core/notices.ts';
import { photoSizes, type PhotoSize } from '../../core/photos.ts';
import type { FieldIssue } from '../../core/errors.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { RequestView } from '../../services/notice-requests/get-notice-request.ts';

const requestIdPattern = /^[0-9a-z]{26}$/;
const requestId = z.string().regex(requestIdPattern, 'must be a request id (26 lower-case letters and digits)');

export const RequestIdParam = z.object({
  id: requestId.openapi({ param: { name: 'id', in: 'path' }, description: 'Id of the notice request', example: '01jq3v6yx8r4m0c2b5n7t9w1ke' }),
});

/** One path serves both: the public extract by its reference, and the request behind it by its id. */
export const NoticeOrRequestParam = z.object({
  id: z
    .string()
    .regex(/^(\d{4}-\d{5}|[0-9a-z]{26})$/, 'must be a notice reference written YYYY-NNNNN or a request id')
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'A public notice reference with a dash (`2026-00042`, no key needed) or a request id (needs an API key)',
      example: '2026-00042',
    }),
});

const photoSizeNames = Object.keys(photoSizes) as [PhotoSize, ...PhotoSize[]];

export const PhotoParams = z.object({
  id: requestId.openapi({ param: { name: 'id', in: 'path' } }),
  photoId: requestId.openapi({ param: { name: 'photoId', in: 'path' } }),
  size: z.enum(photoSizeNames).openapi({ param: { name: 'size', in: 'path' }, description: 'large, medium or thumb' }),
});

// Copied into a schema of this module: the domain's own was built before zod learnt the `.openapi` method.
const FactsSchema = z.object(requestFactsSchema.shape).openapi('RequestFacts', {
  description: 'What the requesting agency states about the person; a draft may leave any field empty until it is submitted',
});

/** A new draft: `kind` is required, every other field may come later; unknown fields are refused, so typos do not vanish. */
export const CreateRequestBody = z.strictObject(requestFactsSchema.shape).openapi('NewRequest');

const factsShape = requestFactsSchema.omit({ kind: true }).shape;
type FactsShape = typeof factsShape;
type Unwrapped<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
type PatchShape = { [K in keyof FactsShape]: z.ZodOptional<Unwrapped<FactsShape[K]>> };

/**
 * A change to the working copy: the fields given replace the working copy's (lists and groups as a whole), the rest
 * stay as they are. The defaults of a new draft are left out, or an absent field would be reset to empty.
 */
export const PatchRequestBody = z
  .strictObject(
    Object.fromEntries(
      Object.entries(factsShape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
    ) as PatchShape,
  )
  .openapi('RequestChange', { description: 'Top-level fields of the facts to replace; the kind of a request never changes' });

const bool = z.boolean().default(false);

export const ReviewBody = z
  .object({
    decision: z.enum(reviewDecisions),
    comment: z.string().trim().max(4000).default('').openapi({ description: 'Needed to ask for changes or to refuse; sent back to the requesting agency' }),
    checklist: z
      .object({ neutral_character: bool, human_rights: bool, data_quality: bool, serious_offence: bool } satisfies Record<ChecklistItem, typeof bool>)
      .strict()
      .default({ neutral_character: false, human_rights: false, data_quality: false, serious_offence: false })
      .openapi({ description: 'Each item the reviewer confirms; approval needs every one (serious_offence only for wanted persons)' }),
  })
  .strict()
  .openapi('Review');

export const WithdrawBody = z
  .object({ reason: z.enum(withdrawalReasons), note: z.string().trim().max(2000).default('') })
  .strict()
  .openapi('Withdrawal');

/** What the pipeline validates of an upload: the multipart field `photo` holding one file. */
export const PhotoUploadBody = z.object({ photo: z.instanceof(File, { message: 'must be one image file in the field photo' }) });

/** The same upload as the OpenAPI document describes it (a file has no JSON schema of its own). */
export const PhotoUploadDoc = z.object({ photo: z.string().openapi({ type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP image' }) });

const sizeSchema = z.object({ width: z.number().int(), height: z.number().int(), url: z.string() });

export const PhotoSchema = z
  .object({
    id: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    sizes: z.object({ large: sizeSchema.optional(), medium: sizeSchema.optional(), thumb: sizeSchema.optional() } satisfies Record<PhotoSize, unknown>).openapi({ description: 'Each derived size, re-encoded as JPEG without metadata' }),
  })
  .openapi('RequestPhoto');

export const RequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(noticeKinds),
    status: z.enum(requestStatuses),
    reference: z.string().nullable().openapi({ description: 'Public reference, given at the first approval', example: '2026/00042' }),
    nationalReference: z.string().openapi({ description: 'The requesting agency’s own case reference' }),
    facts: FactsSchema,
    version: z.number().int().openapi({ description: 'Number of the last submitted version (0 before the first submission)' }),
    publishedVersion: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    withdrawal: z.object({ reason: z.enum(withdrawalReasons), note: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    photos: z.array(PhotoSchema).optional().openapi({ description: 'The working copy’s photos; listed when the request is read' }),
    links: z.object({
      self: z.string(),
      public: z.string().optional().openapi({ description: 'The public extract, while it circulates with the requesting country’s consent' }),
    }),
  })
  .openapi('NoticeRequest');

const HistoryItemSchema = z.object({
  at: z.string(),
  action: z.string().openapi({ description: 'create, edit, submit, approve, request_changes, refuse, withdraw, photo_added, …' }),
  status: z.enum(requestStatuses),
  version: z.number().int(),
  actor: z.string().nullable().openapi({ description: 'Name of the person who took the step; null for the clock' }),
  comment: z.string().nullable(),
});

export const RequestDetailSchema = RequestSchema.extend({
  agency: z.object({ code: z.string(), name: z.string(), country: z.string() }),
  history: z.array(HistoryItemSchema).openapi({ description: 'Every step, oldest first, with the reviewers’ comments' }),
  changes: z
    .array(z.object({ field: z.string(), before: z.string(), after: z.string() }))
    .openapi({ description: 'What the latest submitted version changed from the one before' }),
  purpose: z.string().openapi({ description: 'The purpose recorded with this consultation' }),
}).openapi('NoticeRequestDetail');

const CheckSchema = z.object({ field: z.string(), key: z.string().openapi({ description: 'Stable code of the finding' }), message: z.string() });

export const SavedRequestSchema = z
  .object({ request: RequestSchema, toDo: z.array(CheckSchema).openapi({ description: 'What must still be done before submission' }) })
  .openapi('SavedRequest');

export const SubmittedRequestSchema = z
  .object({
    request: RequestSchema,
    duplicates: z.array(
      z.object({
        requestId: z.string().nullable(),
        reference: z.string().nullable(),
        familyName: z.string(),
        forename: z.string(),
        score: z.number(),
        match: z.boolean(),
        explanation: z.string(),
      }),
    ),
  })
  .openapi('SubmittedRequest', { description: 'Possible duplicates do not block a submission: the reviewer judges them' });

type ApiRequest = z.infer<typeof RequestSchema>;
type ApiPhoto = z.infer<typeof PhotoSchema>;

export const requestUrl = (base: string, id: string): string => `${base}/api/v1/notices/${id}`;

export function toApiPhoto(base: string, p: RequestPhoto): ApiPhoto {
  const sizes: ApiPhoto['sizes'] = {};
  for (const size of photoSizeNames) {
    const s = p.sizes[size];
    if (s) sizes[size] = { width: s.width, height: s.height, url: `${requestUrl(base, p.requestId)}/photos/${p.id}/${size}` };
  }
  return { id: p.id, width: p.width, height: p.height, sizes };
}

/**
 * `publishedFacts` are those of the version that circulates, when known: the working copy of a notice being updated
 * may already say otherwise about consent, and only the reviewed version decides what is public.
 */
export function toApiRequest(base: string, r: NoticeRequest, extra: { photos?: RequestPhoto[]; publishedFacts?: RequestFacts } = {}): ApiRequest {
  const published = extra.publishedFacts ?? (r.status === 'published' ? r.facts : undefined);
  const isPublic = liveStatuses.has(r.status) && r.reference !== null && r.noticeId !== null && published?.publicExtract.consent === true;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    reference: r.reference,
    nationalReference: r.facts.nationalReference,
    facts: r.facts,
    version: r.version,
    publishedVersion: r.publishedVersion,
    submittedAt: r.submittedAt,
    publishedAt: r.publishedAt,
    expiresAt: r.expiresAt,
    withdrawal: r.withdrawalReason ? { reason: r.withdrawalReason, note: r.withdrawalNote } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(extra.photos ? { photos: extra.photos.map((p) => toApiPhoto(base, p)) } : {}),
    links: {
      self: requestUrl(base, r.id),
      ...(isPublic && r.reference ? { public: `${base}/api/v1/notices/${referenceToSlug(r.reference)}` } : {}),
    },
  };
}

export function toApiRequestDetail(base: string, v: RequestView): z.infer<typeof RequestDetailSchema> {
  const publishedFacts = v.versions.find((x) => x.version === v.request.publishedVersion)?.facts;
  return {
    ...toApiRequest(base, v.request, { photos: v.photos, ...(publishedFacts ? { publishedFacts } : {}) }),
    agency: v.agency,
    history: [...v.events]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((e) => ({ at: e.at, action: e.action, status: e.status, version: e.version, actor: e.actorUserId ? (v.people[e.actorUserId] ?? null) : null, comment: e.comment })),
    changes: v.changes,
    purpose: v.purpose,
  };
}

/** Findings keep their stable key, with the sentence in the reader's language beside it. */
export const toApiChecks = (tr: Translator, issues: FieldIssue[]) => issues.map((i) => ({ field: i.field, key: i.message, message: tr.t(i.message) }));
