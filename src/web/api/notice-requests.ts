/**
 * The notice-request endpoints of the JSON API (`/api/v1/notices…`): drafting, submission, review, withdrawal and
 * photos with an API key, under the same rules as the portal, beside the public extract served by reference.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError, notFound } from '../../core/errors.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { createNoticeRequest } from '../../services/notice-requests/create-notice-request.ts';
import { getNoticeRequest } from '../../services/notice-requests/get-notice-request.ts';
import { addRequestPhoto, getRequestPhoto } from '../../services/notice-requests/request-photos.ts';
import { visibleRequest } from '../../services/notice-requests/request-steps.ts';
import { reviewNoticeRequest } from '../../services/notice-requests/review-notice-request.ts';
import { saveNoticeRequest } from '../../services/notice-requests/save-notice-request.ts';
import { submitNoticeRequest } from '../../services/notice-requests/submit-notice-request.ts';
import { withdrawNoticeRequest } from '../../services/notice-requests/withdraw-notice-request.ts';
import { getPublishedNotice } from '../../services/notices/get-published-notice.ts';
import { currentScope } from '../../services/request-scope.ts';
import { MAX_BODY_BYTES } from '../pipeline/body.ts';
import type { Routes } from '../pipeline/routes.ts';
import {
  CreateRequestBody,
  NoticeOrRequestParam,
  PatchRequestBody,
  PhotoParams,
  PhotoSchema,
  PhotoUploadBody,
  PhotoUploadDoc,
  RequestDetailSchema,
  RequestIdParam,
  RequestSchema,
  ReviewBody,
  SavedRequestSchema,
  SubmittedRequestSchema,
  WithdrawBody,
  requestUrl,
  toApiChecks,
  toApiPhoto,
  toApiRequest,
  toApiRequestDetail,
} from './request-schemas.ts';
import { ErrorSchema, NoticeSchema, ReferenceParam, toApiNotice } from './schemas.ts';

type Registry = OpenAPIHono['openAPIRegistry'];

const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(description, ErrorSchema);

const errors = {
  400: error('A parameter or the body is not valid, or the step’s own checks failed; `issues` names each field'),
  401: error('No valid API key'),
  403: error('The key’s user lacks the permission, or the key is read-only'),
  404: error('No such request, or one this key may not see (another agency’s draft)'),
  409: error('The request cannot take this step in its state, or the reviewer took part in it (four eyes)'),
  429: error('Too many requests; see the Retry-After header'),
} as const;
const writeErrors = { ...errors, 413: error(`The body is larger than ${MAX_BODY_BYTES / 1024} KB`), 415: error('The body is not JSON') };
const jsonBody = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const keyed = [{ bearer: [] }];

const docs = [
  createRoute({
    method: 'post',
    path: '/v1/notices',
    tags: ['Notice requests'],
    summary: 'Draft a notice request for the key’s agency',
    description: 'Needs an officer’s key. Only `kind` is required: a draft may be saved half-filled, and submission says what is missing.',
    security: keyed,
    request: jsonBody(CreateRequestBody),
    responses: { 201: { ...json('The draft; Location names it', RequestSchema), headers: z.object({ Location: z.string() }) }, ...writeErrors },
  }),
  createRoute({
    method: 'get',
    path: '/v1/notices/{id}',
    tags: ['Notices', 'Notice requests'],
    summary: 'One published notice by reference, or one notice request by id',
    description:
      'A reference (`2026-00042`) answers the public extract, without a key; a withdrawn notice answers 410. A request id needs an API key, and an `X-Purpose` header unless the caller belongs to the requesting agency or reviews the request; the reading is audited with its purpose.',
    security: [{}, { bearer: [] }],
    request: { params: NoticeOrRequestParam, headers: z.object({ 'X-Purpose': z.string().optional().openapi({ description: 'Why a request of another agency is consulted' }) }) },
    responses: {
      200: json('The public notice (by reference) or the request (by id)', z.union([NoticeSchema, RequestDetailSchema])),
      400: errors[400],
      401: error('A request id was asked for without a valid API key'),
      403: errors[403],
      404: error('No published notice has this reference, or no request this key may see has this id'),
      410: error('The notice was public and has been withdrawn'),
      429: errors[429],
    },
  }),
  createRoute({
    method: 'patch',
    path: '/v1/notices/{id}',
    tags: ['Notice requests'],
    summary: 'Change fields of the working copy',
    description: 'The fields given replace those of the working copy; the answer lists what must still be done before submission.',
    security: keyed,
    request: { params: RequestIdParam, ...jsonBody(PatchRequestBody) },
    responses: { 200: json('The saved request and what is still to do', SavedRequestSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/notices/{id}/submit',
    tags: ['Notice requests'],
    summary: 'Submit the working copy for review',
    description: 'Runs the automatic checks (refused with a 400 naming each problem) and the duplicate search across spellings and scripts.',
    security: keyed,
    request: { params: RequestIdParam },
    responses: { 200: json('The submitted request and its possible duplicates', SubmittedRequestSchema), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/notices/{id}/review',
    tags: ['Notice requests'],
    summary: 'Decide on the version under review',
    description: 'Needs a key of a reviewer of the office who neither drafted nor submitted the request. Approval publishes it (publicly where consented).',
    security: keyed,
    request: { params: RequestIdParam, ...jsonBody(ReviewBody) },
    responses: { 200: json('The request after the decision', RequestSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/notices/{id}/withdraw',
    tags: ['Notice requests'],
    summary: 'Withdraw a request or a notice',
    description: 'By the requesting agency or the office. A public extract leaves every public surface at once; its reference then answers 410.',
    security: keyed,
    request: { params: RequestIdParam, ...jsonBody(WithdrawBody) },
    responses: { 200: json('The withdrawn request', RequestSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/notices/{id}/photos',
    tags: ['Notice requests'],
    summary: 'Add a photo to the working copy',
    description: 'Multipart field `photo`. The type is read from the bytes; the image is re-encoded as JPEG without any metadata (location included) and kept in three sizes.',
    security: keyed,
    request: { params: RequestIdParam, body: { required: true, content: { 'multipart/form-data': { schema: PhotoUploadDoc } } } },
    responses: {
      201: { ...json('The stored photo; Location names its large size', PhotoSchema), headers: z.object({ Location: z.string() }) },
      ...errors,
      413: error('The image is too large (bytes or pixels)'),
      415: error('Not a JPEG, PNG or WebP image, a damaged one, or one with data hidden after it'),
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/notices/{id}/photos/{photoId}/{size}',
    tags: ['Notice requests'],
    summary: 'One size of a request’s photo',
    description: 'Needs an API key, and `X-Purpose` unless the caller belongs to the requesting agency or reviews the request; audited as a consultation.',
    security: keyed,
    request: { params: PhotoParams },
    responses: { 200: { description: 'The JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errors },
  }),
];

/** The purpose the caller stated in `X-Purpose`, as the pipeline put it in the request scope. */
const statedPurpose = (): string | null => currentScope().purpose;

function keyHolder(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError('unauthenticated', 'error.detail.api_key_required');
  assertCan(principal, 'notices.read');
  return principal;
}

export function registerNoticeRequestApi(routes: Routes, registry: Registry): void {
  for (const route of docs) registry.registerPath(route);
  const base = (c: { get(key: 'deps'): { config: { publicUrl: string } } }) => c.get('deps').config.publicUrl;

  routes.apiWrite('/api/v1/notices', {
    authorise: 'notices.submit',
    input: { body: CreateRequestBody },
    run: ({ db, principal, input, meta }) => createNoticeRequest(db, keyHolder(principal), input.body, meta.now),
    render: (c, r) => {
      c.header('Location', requestUrl(base(c), r.id));
      return c.json(toApiRequest(base(c), r, { photos: [] }), 201);
    },
  });

  // A reference keeps its public answer, key or no key; a request id is the request itself, for those who may see it.
  routes.apiRead('/api/v1/notices/:id', {
    auth: 'optional-api-key',
    authorise: 'public',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: NoticeOrRequestParam },
    run: async ({ db, principal, input }) => {
      if (ReferenceParam.safeParse(input.params).success) {
        const notice = await getPublishedNotice(db, input.params.id);
        if (!notice) throw notFound();
        return { kind: 'public', notice } as const;
      }
      return { kind: 'request', view: await getNoticeRequest(db, keyHolder(principal), input.params.id, statedPurpose()) } as const;
    },
    recover: (c, err) => {
      // RFC 6750: a request that needs a key says which scheme to use.
      if (err.code === 'unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="api"');
      return undefined;
    },
    render: (c, out) => {
      if (out.kind === 'public') return c.json(toApiNotice(base(c), out.notice));
      // Personal data for one key holder: never kept by a shared cache.
      c.header('Cache-Control', 'no-store');
      return c.json(toApiRequestDetail(base(c), out.view));
    },
  });

  routes.apiWrite('/api/v1/notices/:id', {
    method: 'PATCH',
    authorise: 'notices.submit',
    input: { params: RequestIdParam, body: PatchRequestBody },
    run: async ({ db, principal, input, meta }) => {
      const who = keyHolder(principal);
      const current = await visibleRequest(db, who, input.params.id);
      return saveNoticeRequest(db, who, current.id, { ...current.facts, ...input.body }, meta.now);
    },
    render: (c, saved) => c.json({ request: toApiRequest(base(c), saved.request), toDo: toApiChecks(c.get('tr'), saved.toDo) }),
  });

  routes.apiWrite('/api/v1/notices/:id/submit', {
    // Its own transaction, so it can catch the name index up before the duplicate search (see submitNoticeRequest).
    transaction: 'steps',
    authorise: 'notices.submit',
    input: { params: RequestIdParam },
    run: ({ db, deps, principal, input, meta }) => submitNoticeRequest(db, deps.noticeIndex, keyHolder(principal), input.params.id, meta.now),
    render: (c, out) => c.json({ request: toApiRequest(base(c), out.request), duplicates: out.duplicates }),
  });

  // The use case reads the photos an approval publishes before opening its own transaction (see reviewNoticeRequest).
  routes.apiWrite('/api/v1/notices/:id/review', {
    authorise: 'notices.review',
    transaction: 'steps',
    input: { params: RequestIdParam, body: ReviewBody },
    run: ({ db, deps, principal, input, meta }) => reviewNoticeRequest(db, deps.photoStore, keyHolder(principal), input.params.id, input.body, meta.now),
    render: (c, r) => c.json(toApiRequest(base(c), r)),
  });

  // The requesting agency's officers and the office's reviewers both withdraw; the use case decides which applies.
  routes.apiWrite('/api/v1/notices/:id/withdraw', {
    authorise: 'notices.withdraw',
    input: { params: RequestIdParam, body: WithdrawBody },
    run: ({ db, principal, input, meta }) => withdrawNoticeRequest(db, keyHolder(principal), input.params.id, input.body, meta.now),
    render: (c, r) => c.json(toApiRequest(base(c), r)),
  });

  // Decoding and re-encoding must not hold a transaction: the use case opens its own once the image is ready.
  routes.apiWrite('/api/v1/notices/:id/photos', {
    authorise: 'notices.submit',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: RequestIdParam, body: PhotoUploadBody },
    run: async ({ db, deps, principal, input, meta }) => {
      const file = input.body.photo;
      const bytes = new Uint8Array(await file.arrayBuffer());
      return addRequestPhoto(db, deps.photoStore, keyHolder(principal), input.params.id, bytes, file.type === '' ? undefined : file.type, meta.now);
    },
    render: (c, photo) => {
      const out = toApiPhoto(base(c), photo);
      const large = out.sizes.large;
      if (large) c.header('Location', large.url);
      return c.json(out, 201);
    },
  });

  // Looking at a photo is a consultation: the use case checks the purpose and records it.
  routes.apiRead('/api/v1/notices/:id/photos/:photoId/:size', {
    auth: 'api-key',
    authorise: 'notices.read',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: PhotoParams },
    run: async ({ db, deps, principal, input }) => {
      const who = keyHolder(principal);
      return getRequestPhoto(db, deps.photoStore, who, input.params.id, input.params.photoId, input.params.size, statedPurpose());
    },
    render: (c, photo) => c.body(photo.data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': photo.contentType, 'Cache-Control': 'private, no-store' }),
  });
}
