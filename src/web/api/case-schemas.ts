/** Request and response schemas of the case-exchange endpoints of the JSON API, and the mapping of cases to their JSON answers. */
import { z } from '@hono/zod-openapi';
import {
  caseInputSchema,
  caseKinds,
  caseStatuses,
  crimeAreas,
  handlingCodes,
  handlingNotice,
  informationGrades,
  messageInputSchema,
  sourceGrades,
  urgencies,
  type CaseMessage,
  type CaseParticipant,
} from '../../core/cases.ts';
import { photoSizes, type PhotoSize } from '../../core/photos.ts';
import type { CaseView } from '../../services/cases/get-case.ts';
import type { CaseListItem, CaseListPage } from '../../services/cases/list-cases.ts';
import { MAX_PER_PAGE } from './schemas.ts';

const idPattern = /^[0-9a-z]{26}$/;
const anId = (what: string) => z.string().regex(idPattern, `must be ${what} id (26 lower-case letters and digits)`);
const pathId = (name: string, what: string) => anId(what).openapi({ param: { name, in: 'path' }, description: `Id of the ${what}`, example: '01jq3v6yx8r4m0c2b5n7t9w1ke' });

export const CaseIdParam = z.object({ id: pathId('id', 'case') });

export const MessageParams = z.object({ id: pathId('id', 'case'), messageId: pathId('messageId', 'message') });

const photoSizeNames = Object.keys(photoSizes) as [PhotoSize, ...PhotoSize[]];

export const AttachmentParams = z.object({
  id: pathId('id', 'case'),
  attachmentId: pathId('attachmentId', 'attachment'),
  size: z.enum(photoSizeNames).openapi({ param: { name: 'size', in: 'path' }, description: 'large, medium or thumb' }),
});

/** Query strings come as text; an empty value means the filter is not used. */
const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The list's cursor, as the previous page's `next` gave it: the last row's activity time and id. */
const cursorPattern = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-z]{26}$/;

export const CaseListQuery = z.object({
  status: z.preprocess(blank, z.enum(caseStatuses).optional()).openapi({ param: { name: 'status', in: 'query' }, description: 'open, answered, closed or refused' }),
  urgency: z.preprocess(blank, z.enum(urgencies).optional()).openapi({ param: { name: 'urgency', in: 'query' }, description: 'urgent, standard or non_urgent' }),
  overdue: z
    .preprocess(blank, z.enum(['true', 'false']).optional())
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .openapi({ param: { name: 'overdue', in: 'query' }, description: '`true`: only open cases past their deadline' }),
  role: z.preprocess(blank, z.enum(['sent', 'received']).optional()).openapi({ param: { name: 'role', in: 'query' }, description: 'sent (opened by the key’s agency) or received' }),
  after: z
    .preprocess(blank, z.string().regex(cursorPattern, 'must be the `next` cursor of a previous page').optional())
    .openapi({ param: { name: 'after', in: 'query' }, description: 'The `next` cursor of the previous page' }),
  perPage: z.preprocess(blank, z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(20)).openapi({ param: { name: 'perPage', in: 'query' } }),
});
export type CaseListQueryInput = z.output<typeof CaseListQuery>;

// Copied into schemas of this module: the domain's own were built before zod learnt the `.openapi` method.
/** A new case with its first message; unknown fields are refused, so typos do not vanish. */
export const NewCaseBody = z.strictObject(caseInputSchema.shape).openapi('NewCase', {
  description: 'Recipients are agency ids; persons named in `entities` are cross-checked against the notices at once',
});

/** A message; the H3 restriction rule of the domain is checked by the use case, which names `restriction`. */
export const NewMessageBody = z
  .strictObject({ ...messageInputSchema.shape, replyTo: anId('a message').nullable().optional().openapi({ description: 'The message of the case this one answers' }) })
  .openapi('NewMessage', { description: 'H3 needs `restriction`; the handling code and evaluation never change once sent' });

export const ForwardBody = z.strictObject({ agencyId: anId('an agency').openapi({ description: 'The counterpart agency the case goes to' }) }).openapi('Forward');

export const CloseBody = z
  .strictObject({
    outcome: z.enum(['closed', 'refused']).default('closed').openapi({ description: 'closed: by the originator; refused: by a recipient, of an open case' }),
    reason: z.string().trim().max(2000).default('').openapi({ description: 'Needed to refuse; sent to the originator' }),
  })
  .openapi('CaseEnding');

export const PermissionBody = z
  .strictObject({ messageId: anId('a message'), agencyId: anId('an agency').openapi({ description: 'The agency allowed to use (H1) or receive (H2) the message' }) })
  .openapi('MessagePermission');

/** What the pipeline validates of an upload: the multipart field `file` holding one image. */
export const AttachmentUploadBody = z.object({ file: z.instanceof(File, { message: 'must be one image file in the field file' }) });

/** The same upload as the OpenAPI document describes it (a file has no JSON schema of its own). */
export const AttachmentUploadDoc = z.object({ file: z.string().openapi({ type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP image' }) });

const AgencySchema = z.object({ code: z.string(), name: z.string(), country: z.string() });

const ParticipantSchema = z.object({
  agencyId: z.string(),
  role: z.enum(['originator', 'recipient', 'forwarded']),
  addedAt: z.string(),
  acknowledgedAt: z.string().nullable().openapi({ description: 'When the agency acknowledged receipt' }),
  acknowledgedBy: z.string().nullable().openapi({ description: 'User id of who acknowledged it' }),
  agency: AgencySchema.optional().openapi({ description: 'Listed when the case is read' }),
  acknowledgedByName: z.string().nullable().optional(),
});

const caseFields = {
  id: z.string(),
  reference: z.string().openapi({ example: 'CASE-2026-00042' }),
  kind: z.enum(caseKinds),
  subject: z.string(),
  nationalReference: z.string().openapi({ description: 'The originating agency’s own case reference' }),
  crimeArea: z.enum(crimeAreas),
  urgency: z.enum(urgencies),
  status: z.enum(caseStatuses),
  originatorAgencyId: z.string(),
  openedAt: z.string(),
  deadlineAt: z.string().openapi({ description: 'Urgent 8 hours, standard 3 days, non-urgent 7 days after opening' }),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  reviewAt: z.string().nullable().openapi({ description: 'Retention review date, six months after closing' }),
  erasedAt: z.string().nullable(),
};

export const CaseSchema = z
  .object({
    ...caseFields,
    entities: z.array(z.record(z.string(), z.unknown())).openapi({ description: 'Persons, documents and vehicles the case names, each with its `type`' }),
    participants: z.array(ParticipantSchema),
    linkedRequestIds: z.array(z.string()),
    linkedCaseIds: z.array(z.string()),
    links: z.object({ self: z.string() }),
  })
  .openapi('Case');

const sizeSchema = z.object({ width: z.number().int(), height: z.number().int(), url: z.string() });

export const AttachmentSchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    fileName: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    createdAt: z.string(),
    sizes: z.object({ large: sizeSchema.optional(), medium: sizeSchema.optional(), thumb: sizeSchema.optional() } satisfies Record<PhotoSize, unknown>).openapi({ description: 'Each derived size, re-encoded as JPEG without metadata; reading one needs X-Purpose' }),
  })
  .openapi('CaseAttachment');

export const MessageSchema = z
  .object({
    id: z.string(),
    replyTo: z.string().nullable(),
    authorAgencyId: z.string(),
    authorUserId: z.string(),
    authorName: z.string().nullable().optional(),
    sentAt: z.string(),
    body: z.string(),
    handlingCode: z.enum(handlingCodes),
    restriction: z.string(),
    handlingNotice: z.string().openapi({ description: 'The restriction every copy, export and print of the message must carry' }),
    sourceGrade: z.enum(sourceGrades),
    informationGrade: z.enum(informationGrades),
    permissions: z.array(z.object({ agencyId: z.string(), grantedAt: z.string() })).openapi({ description: 'Agencies the author permitted to use (H1) or receive (H2) the message' }),
  })
  .openapi('CaseMessage');

const HitSchema = z.object({
  entityIndex: z.number().int().openapi({ description: 'Position of the person in `entities`' }),
  requestId: z.string().nullable(),
  reference: z.string().nullable().openapi({ description: 'The notice’s reference' }),
  familyName: z.string(),
  forename: z.string(),
  score: z.number(),
  match: z.boolean(),
  explanation: z.string(),
});

export const CaseDetailSchema = CaseSchema.extend({
  messages: z.array(MessageSchema).openapi({ description: 'Oldest first' }),
  attachments: z.array(AttachmentSchema),
  receipts: z.array(z.object({ agencyId: z.string(), userId: z.string(), name: z.string().nullable(), openedAt: z.string() })).openapi({ description: 'Who of each agency opened the case, and when' }),
  hits: z.array(HitSchema).openapi({ description: 'The cross-check of the persons named against the notices' }),
  overdue: z.boolean(),
  forwardBlockedBy: z.array(z.string()).openapi({ description: 'Ids of H2 messages without any permission recorded: they stop a forward to an agency they are not permitted to' }),
  may: z.object({ reply: z.boolean(), acknowledge: z.boolean(), forward: z.boolean(), close: z.boolean(), refuse: z.boolean(), grant: z.boolean() }),
  purpose: z.string().openapi({ description: 'The purpose recorded with this consultation' }),
}).openapi('CaseDetail');

const CaseListItemSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    kind: z.enum(caseKinds),
    subject: z.string(),
    urgency: z.enum(urgencies),
    status: z.enum(caseStatuses),
    crimeArea: z.enum(crimeAreas),
    openedAt: z.string(),
    deadlineAt: z.string(),
    answeredAt: z.string().nullable(),
    activityAt: z.string(),
    overdue: z.boolean(),
    role: z.enum(['originator', 'recipient', 'forwarded']).openapi({ description: 'The key’s agency’s part in the case' }),
    acknowledgedAt: z.string().nullable().openapi({ description: 'When the key’s agency acknowledged receipt' }),
    originator: z.object({ agencyId: z.string(), name: z.string(), country: z.string() }),
    erased: z.boolean(),
    links: z.object({ self: z.string() }),
  })
  .openapi('CaseListItem');

export const CaseListSchema = z
  .object({
    items: z.array(CaseListItemSchema).openapi({ description: 'Most recent activity first' }),
    next: z.string().nullable().openapi({ description: 'Cursor of the next page (pass it as `after`), null on the last page' }),
    links: z.object({ self: z.string(), next: z.string().optional() }),
  })
  .openapi('CaseList');

// Named through the use cases' view: the web layer never imports storage, not even its types.
type StoredCase = CaseView['case'];
type CaseAttachment = CaseView['attachments'][number];

type ApiCase = z.infer<typeof CaseSchema>;
type ApiParticipant = z.infer<typeof ParticipantSchema>;
type ApiAttachment = z.infer<typeof AttachmentSchema>;
type ApiMessage = z.infer<typeof MessageSchema>;

export const caseUrl = (base: string, id: string): string => `${base}/api/v1/cases/${id}`;

const toApiParticipant = (p: CaseParticipant): ApiParticipant => ({
  agencyId: p.agencyId,
  role: p.role,
  addedAt: p.addedAt,
  acknowledgedAt: p.acknowledgedAt,
  acknowledgedBy: p.acknowledgedBy,
});

export function toApiCase(base: string, c: StoredCase): ApiCase {
  return {
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    subject: c.subject,
    nationalReference: c.nationalReference,
    crimeArea: c.crimeArea,
    urgency: c.urgency,
    status: c.status,
    originatorAgencyId: c.originatorAgencyId,
    openedAt: c.openedAt,
    deadlineAt: c.deadlineAt,
    answeredAt: c.answeredAt,
    closedAt: c.closedAt,
    refusalReason: c.refusalReason,
    reviewAt: c.reviewAt,
    erasedAt: c.erasedAt,
    entities: c.entities,
    participants: c.participants.map(toApiParticipant),
    linkedRequestIds: c.linkedRequestIds,
    linkedCaseIds: c.linkedCaseIds,
    links: { self: caseUrl(base, c.id) },
  };
}

export function toApiMessage(m: CaseMessage, people: Record<string, string> = {}): ApiMessage {
  return {
    id: m.id,
    replyTo: m.replyTo,
    authorAgencyId: m.authorAgencyId,
    authorUserId: m.authorUserId,
    authorName: people[m.authorUserId] ?? null,
    sentAt: m.sentAt,
    body: m.body,
    handlingCode: m.handlingCode,
    restriction: m.restriction,
    handlingNotice: handlingNotice(m),
    sourceGrade: m.sourceGrade,
    informationGrade: m.informationGrade,
    permissions: m.permissions.map((p) => ({ agencyId: p.agencyId, grantedAt: p.grantedAt })),
  };
}

export function toApiAttachment(base: string, a: CaseAttachment): ApiAttachment {
  const sizes: ApiAttachment['sizes'] = {};
  for (const size of photoSizeNames) {
    const s = a.sizes[size];
    if (s) sizes[size] = { width: s.width, height: s.height, url: `${caseUrl(base, a.caseId)}/attachments/${a.id}/${size}` };
  }
  return { id: a.id, messageId: a.messageId, fileName: a.fileName, width: a.width, height: a.height, createdAt: a.createdAt, sizes };
}

export function toApiCaseDetail(base: string, v: CaseView): z.infer<typeof CaseDetailSchema> {
  const out = toApiCase(base, v.case);
  return {
    ...out,
    participants: v.case.participants.map((p) => ({
      ...toApiParticipant(p),
      ...(v.agencies[p.agencyId] ? { agency: v.agencies[p.agencyId] } : {}),
      acknowledgedByName: p.acknowledgedBy ? (v.people[p.acknowledgedBy] ?? null) : null,
    })),
    messages: v.messages.map((m) => toApiMessage(m, v.people)),
    attachments: v.attachments.map((a) => toApiAttachment(base, a)),
    receipts: v.receipts.map((r) => ({ agencyId: r.agencyId, userId: r.userId, name: v.people[r.userId] ?? null, openedAt: r.openedAt })),
    hits: v.hits,
    overdue: v.overdue,
    forwardBlockedBy: v.h2Messages,
    may: v.may,
    purpose: v.purpose,
  };
}

function listItem(base: string, i: CaseListItem): z.infer<typeof CaseListItemSchema> {
  return {
    id: i.id,
    reference: i.reference,
    kind: i.kind,
    subject: i.subject,
    urgency: i.urgency,
    status: i.status,
    crimeArea: i.crimeArea,
    openedAt: i.openedAt,
    deadlineAt: i.deadlineAt,
    answeredAt: i.answeredAt,
    activityAt: i.activityAt,
    overdue: i.overdue,
    role: i.role,
    acknowledgedAt: i.acknowledgedAt,
    originator: { agencyId: i.originatorAgencyId, name: i.originatorName, country: i.originatorCountry },
    erased: i.erased,
    links: { self: caseUrl(base, i.id) },
  };
}

function listLink(base: string, q: CaseListQueryInput, after: string | undefined): string {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.urgency) params.set('urgency', q.urgency);
  if (q.overdue !== undefined) params.set('overdue', String(q.overdue));
  if (q.role) params.set('role', q.role);
  params.set('perPage', String(q.perPage));
  if (after) params.set('after', after);
  return `${base}/api/v1/cases?${params.toString()}`;
}

export function toApiCaseList(base: string, page: CaseListPage, q: CaseListQueryInput): z.infer<typeof CaseListSchema> {
  return {
    items: page.items.map((i) => listItem(base, i)),
    next: page.next,
    links: { self: listLink(base, q, q.after), ...(page.next ? { next: listLink(base, q, page.next) } : {}) },
  };
}
