/**
 * The case-exchange endpoints of the JSON API (`/api/v1/cases…`): opening a case, the agency's list, reading one,
 * messages and their attachments, acknowledgement, forwarding, permissions and closing, under the portal's rules.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requirePurpose } from '../../core/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import { addCaseAttachment, getCaseAttachment } from '../../services/cases/case-attachments.ts';
import { acknowledgeCase, closeCase, forwardCase, grantMessagePermission } from '../../services/cases/change-case.ts';
import { getCaseView } from '../../services/cases/get-case.ts';
import { listCases } from '../../services/cases/list-cases.ts';
import { openCase } from '../../services/cases/open-case.ts';
import { postMessage } from '../../services/cases/post-message.ts';
import { currentScope } from '../../services/request-scope.ts';
import { MAX_BODY_BYTES } from '../pipeline/body.ts';
import type { Routes } from '../pipeline/routes.ts';
import {
  AttachmentParams,
  AttachmentSchema,
  AttachmentUploadBody,
  AttachmentUploadDoc,
  CaseDetailSchema,
  CaseIdParam,
  CaseListQuery,
  CaseListSchema,
  CaseSchema,
  CloseBody,
  ForwardBody,
  MessageParams,
  MessageSchema,
  NewCaseBody,
  NewMessageBody,
  PermissionBody,
  caseUrl,
  toApiAttachment,
  toApiCase,
  toApiCaseDetail,
  toApiCaseList,
  toApiMessage,
} from './case-schemas.ts';
import { ErrorSchema } from './schemas.ts';

type Registry = OpenAPIHono['openAPIRegistry'];

const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(description, ErrorSchema);

const errors = {
  400: error('A parameter or the body is not valid; `issues` names each field'),
  401: error('No valid API key'),
  403: error('The key’s user does not exchange cases, the key is read-only, or the step is another participant’s'),
  404: error('No such case, or one the key’s agency takes no part in'),
  409: error('The case cannot take this step in its state, or H2 information stops a forward'),
  429: error('Too many requests; see the Retry-After header'),
} as const;
const writeErrors = { ...errors, 413: error(`The body is larger than ${MAX_BODY_BYTES / 1024} KB`), 415: error('The body is not JSON') };
const readErrors = { ...errors, 400: error('A parameter is not valid, or `X-Purpose` is missing or too vague (`issues` names `purpose`)') };
const jsonBody = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const keyed = [{ bearer: [] }];
const purposeHeader = z.object({ 'X-Purpose': z.string().openapi({ description: 'Why the case is consulted; recorded in the audit trail with the reading' }) });
const tags = ['Cases'];

const docs = [
  createRoute({
    method: 'post',
    path: '/v1/cases',
    tags,
    summary: 'Open a case with its first message',
    description:
      'Needs an officer’s or liaison officer’s key. A request for assistance or an information message to one or more agencies (or to the office for routing); the deadline follows the urgency (urgent 8 hours, standard 3 days, non-urgent 7 days). Persons named are cross-checked against the notices; the recipients are notified.',
    security: keyed,
    request: jsonBody(NewCaseBody),
    responses: { 201: { ...json('The case; Location names it', CaseSchema), headers: z.object({ Location: z.string() }) }, ...writeErrors },
  }),
  createRoute({
    method: 'get',
    path: '/v1/cases',
    tags,
    summary: 'The cases the key’s agency takes part in',
    description: 'Most recent activity first, with deadlines and overdue cases marked. Filters combine; `next` pages on. Needs `X-Purpose`.',
    security: keyed,
    request: { query: CaseListQuery, headers: purposeHeader },
    responses: { 200: json('One page of cases', CaseListSchema), ...readErrors },
  }),
  createRoute({
    method: 'get',
    path: '/v1/cases/{id}',
    tags,
    summary: 'One case with its messages, attachments, receipts and cross-check hits',
    description: 'Needs `X-Purpose`: the reading is audited as a consultation with it, and records the reader’s receipt of the case.',
    security: keyed,
    request: { params: CaseIdParam, headers: purposeHeader },
    responses: { 200: json('The case', CaseDetailSchema), ...readErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/messages',
    tags,
    summary: 'Add a message to a case',
    description: 'By a participating agency, with its own handling code and evaluation. The first message of a recipient answers the case.',
    security: keyed,
    request: { params: CaseIdParam, ...jsonBody(NewMessageBody) },
    responses: { 201: json('The message', MessageSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/messages/{messageId}/attachments',
    tags,
    summary: 'Attach an image to a message',
    description: 'By the message’s agency; multipart field `file`. The type is read from the bytes; the image is re-encoded as JPEG without any metadata and kept in three sizes.',
    security: keyed,
    request: { params: MessageParams, body: { required: true, content: { 'multipart/form-data': { schema: AttachmentUploadDoc } } } },
    responses: {
      201: { ...json('The attachment; Location names its large size', AttachmentSchema), headers: z.object({ Location: z.string() }) },
      ...errors,
      413: error('The image is too large (bytes or pixels)'),
      415: error('Not a JPEG, PNG or WebP image, a damaged one, or one with data hidden after it'),
    },
  }),
  createRoute({
    method: 'get',
    path: '/v1/cases/{id}/attachments/{attachmentId}/{size}',
    tags,
    summary: 'One size of an attachment',
    description: 'Needs `X-Purpose`; audited as a consultation.',
    security: keyed,
    request: { params: AttachmentParams, headers: purposeHeader },
    responses: { 200: { description: 'The JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } }, ...readErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/acknowledge',
    tags,
    summary: 'Acknowledge receipt of a case',
    description: 'By a recipient agency; the first acknowledgement stands, with its time and person.',
    security: keyed,
    request: { params: CaseIdParam },
    responses: { 200: json('The case', CaseSchema), ...errors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/forward',
    tags,
    summary: 'Forward a case to a counterpart agency',
    description:
      'By a liaison officer of the office. Refused (409) while an H2 message lacks its originator’s permission for that agency; `issues` names each such message as `messages.<id>`.',
    security: keyed,
    request: { params: CaseIdParam, ...jsonBody(ForwardBody) },
    responses: { 200: json('The case with its new participants', CaseSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/permissions',
    tags,
    summary: 'Permit an agency to use (H1) or receive (H2) a message',
    description: 'By the agency that wrote the message; recorded with who and when.',
    security: keyed,
    request: { params: CaseIdParam, ...jsonBody(PermissionBody) },
    responses: { 200: json('The case', CaseSchema), ...writeErrors },
  }),
  createRoute({
    method: 'post',
    path: '/v1/cases/{id}/close',
    tags,
    summary: 'Close a case, or refuse it',
    description: 'The originator closes an open or answered case; a recipient refuses an open one with a reason. Either starts the retention clock.',
    security: keyed,
    request: { params: CaseIdParam, ...jsonBody(CloseBody) },
    responses: { 200: json('The ended case', CaseSchema), ...writeErrors },
  }),
];

/**
 * Reading a case is a consultation, and an API client always says why: the purpose the pipeline took from
 * `X-Purpose`, checked as the audit trail's rules require, whatever the use case would accept without one.
 */
const statedPurpose = (): string => requirePurpose(currentScope().purpose);

function keyHolder(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError('unauthenticated', 'error.detail.api_key_required');
  return principal;
}

// RFC 6750: a request that needs a key says which scheme to use.
const bearerChallenge = (c: { header(name: string, value: string): void }, err: AppError) => {
  if (err.code === 'unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="api"');
  return undefined;
};

export function registerCaseApi(routes: Routes, registry: Registry): void {
  for (const route of docs) registry.registerPath(route);
  const base = (c: { get(key: 'deps'): { config: { publicUrl: string } } }) => c.get('deps').config.publicUrl;

  // The use case catches the name index up before its own transaction, for the cross-check (see openCase).
  routes.apiWrite('/api/v1/cases', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    input: { body: NewCaseBody },
    run: ({ db, deps, principal, input, meta }) => openCase(db, deps.noticeIndex, keyHolder(principal), input.body, meta.now),
    render: (c, opened) => {
      c.header('Location', caseUrl(base(c), opened.id));
      return c.json(toApiCase(base(c), opened), 201);
    },
  });

  // Read-only keys keep `cases.read`; the list is recorded as a consultation with the stated purpose.
  routes.apiRead('/api/v1/cases', {
    auth: 'api-key',
    authorise: 'cases.read',
    transaction: 'steps',
    audit: 'use-case',
    input: { query: CaseListQuery },
    run: ({ db, principal, input, meta }) => listCases(db, keyHolder(principal), input.query, meta.now, statedPurpose()),
    recover: bearerChallenge,
    render: (c, page, input) => c.json(toApiCaseList(base(c), page, input.query)),
  });

  // Reading records a consultation and the reader's receipt in the use case's own transaction.
  routes.apiRead('/api/v1/cases/:id', {
    auth: 'api-key',
    authorise: 'cases.read',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: CaseIdParam },
    run: ({ db, principal, input, meta }) => getCaseView(db, keyHolder(principal), input.params.id, statedPurpose(), meta.now),
    recover: bearerChallenge,
    render: (c, view) => c.json(toApiCaseDetail(base(c), view)),
  });

  routes.apiWrite('/api/v1/cases/:id/messages', {
    authorise: 'cases.exchange',
    input: { params: CaseIdParam, body: NewMessageBody },
    run: ({ db, principal, input, meta }) => postMessage(db, keyHolder(principal), input.params.id, input.body, meta.now),
    render: (c, message) => c.json(toApiMessage(message), 201),
  });

  // Decoding and re-encoding must not hold a transaction: the use case opens its own once the image is ready.
  routes.apiWrite('/api/v1/cases/:id/messages/:messageId/attachments', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: MessageParams, body: AttachmentUploadBody },
    run: async ({ db, deps, principal, input, meta }) => {
      const file = input.body.file;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const upload = { bytes, type: file.type === '' ? undefined : file.type, name: file.name };
      return addCaseAttachment(db, deps.photoStore, keyHolder(principal), input.params.id, input.params.messageId, upload, meta.now);
    },
    render: (c, attachment) => {
      const out = toApiAttachment(base(c), attachment);
      const large = out.sizes.large;
      if (large) c.header('Location', large.url);
      return c.json(out, 201);
    },
  });

  routes.apiRead('/api/v1/cases/:id/attachments/:attachmentId/:size', {
    auth: 'api-key',
    authorise: 'cases.read',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: AttachmentParams },
    run: ({ db, deps, principal, input }) =>
      getCaseAttachment(db, deps.photoStore, keyHolder(principal), input.params.id, input.params.attachmentId, input.params.size, statedPurpose()),
    recover: bearerChallenge,
    render: (c, a) =>
      c.body(a.data as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': a.contentType,
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        'Cache-Control': 'private, no-store',
      }),
  });

  routes.apiWrite('/api/v1/cases/:id/acknowledge', {
    authorise: 'cases.exchange',
    input: { params: CaseIdParam },
    run: ({ db, principal, input, meta }) => acknowledgeCase(db, keyHolder(principal), input.params.id, meta.now),
    render: (c, acknowledged) => c.json(toApiCase(base(c), acknowledged)),
  });

  routes.apiWrite('/api/v1/cases/:id/forward', {
    authorise: 'cases.exchange',
    input: { params: CaseIdParam, body: ForwardBody },
    run: ({ db, principal, input, meta }) => forwardCase(db, keyHolder(principal), input.params.id, input.body.agencyId, meta.now),
    render: (c, forwarded) => c.json(toApiCase(base(c), forwarded)),
  });

  routes.apiWrite('/api/v1/cases/:id/permissions', {
    authorise: 'cases.exchange',
    input: { params: CaseIdParam, body: PermissionBody },
    run: ({ db, principal, input, meta }) => grantMessagePermission(db, keyHolder(principal), input.params.id, input.body.messageId, input.body.agencyId, meta.now),
    render: (c, permitted) => c.json(toApiCase(base(c), permitted)),
  });

  // The originator closes, a recipient refuses: the use case tells which the key's agency may do.
  routes.apiWrite('/api/v1/cases/:id/close', {
    authorise: 'cases.exchange',
    input: { params: CaseIdParam, body: CloseBody },
    run: ({ db, principal, input, meta }) => closeCase(db, keyHolder(principal), input.params.id, input.body, meta.now),
    render: (c, ended) => c.json(toApiCase(base(c), ended)),
  });
}
