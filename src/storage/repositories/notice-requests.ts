/** Reads and writes notice requests, their versions, review steps and photos, on either dialect. */
import type { Selectable, Transaction, Updateable } from 'kysely';
import {
  parseRequestFacts,
  type NoticeRequest,
  type RequestEvent,
  type RequestFacts,
  type RequestPhoto,
  type RequestStatus,
  type RequestVersion,
  type ReviewDecision,
  type VersionOccasion,
  type WithdrawalReason,
} from '../../core/notice-requests.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { NoticeRequestEventsTable, NoticeRequestPhotosTable, NoticeRequestsTable, NoticeRequestVersionsTable } from '../schema-requests.ts';

type Executor = Db | Transaction<Database>;

function factsOf(text: string): RequestFacts {
  const parsed = parseRequestFacts(JSON.parse(text));
  // Stored facts were validated when written; a row that no longer reads is damage, not user input.
  if (!parsed.ok) throw new Error(`stored request facts do not read: ${parsed.issues.map((i) => i.field).join(', ')}`);
  return parsed.facts;
}

const strings = (text: string): string[] => {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function toRequest(r: Selectable<NoticeRequestsTable>): NoticeRequest {
  return {
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind,
    status: r.status as RequestStatus,
    facts: factsOf(r.facts),
    version: toCount(r.version),
    publishedVersion: r.published_version === null ? null : toCount(r.published_version),
    contributors: strings(r.contributors),
    noticeId: r.notice_id,
    reference: r.reference,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    publishedAt: r.published_at,
    expiresAt: r.expires_at,
    withdrawalReason: r.withdrawal_reason as WithdrawalReason | null,
    withdrawalNote: r.withdrawal_note,
    isDemo: r.is_demo === 1,
  };
}

/** The columns a request's facts fill, kept beside the JSON for lists and sorting. */
const factColumns = (f: RequestFacts) => ({
  kind: f.kind,
  facts: JSON.stringify(f),
  family_name: f.familyName,
  forename: f.forename,
  national_reference: f.nationalReference,
});

export async function insertRequest(
  trx: Transaction<Database>,
  r: { id: string; agencyId: string; facts: RequestFacts; createdBy: string; now: string; isDemo: boolean },
): Promise<void> {
  await trx
    .insertInto('notice_requests')
    .values({
      id: r.id,
      agency_id: r.agencyId,
      status: 'draft',
      ...factColumns(r.facts),
      version: 0,
      published_version: null,
      contributors: JSON.stringify([r.createdBy]),
      notice_id: null,
      reference: null,
      created_by: r.createdBy,
      created_at: r.now,
      updated_at: r.now,
      submitted_at: null,
      published_at: null,
      expires_at: null,
      withdrawal_reason: null,
      withdrawal_note: null,
      is_demo: r.isDemo ? 1 : 0,
    })
    .execute();
}

export type RequestPatch = Partial<{
  status: RequestStatus;
  facts: RequestFacts;
  version: number;
  publishedVersion: number | null;
  contributors: string[];
  noticeId: string | null;
  reference: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  expiresAt: string | null;
  withdrawalReason: WithdrawalReason | null;
  withdrawalNote: string | null;
}>;

/**
 * Updates a request if it is still in the status the caller read (`expected`), so two reviewers deciding at once, or a
 * reviewer and a withdrawing agency, cannot both win: the loser's update matches no row and is refused.
 */
export async function updateRequest(trx: Transaction<Database>, id: string, expected: RequestStatus, patch: RequestPatch, now: string): Promise<boolean> {
  const set: Updateable<NoticeRequestsTable> = { updated_at: now };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.facts !== undefined) Object.assign(set, factColumns(patch.facts));
  if (patch.version !== undefined) set.version = patch.version;
  if (patch.publishedVersion !== undefined) set.published_version = patch.publishedVersion;
  if (patch.contributors !== undefined) set.contributors = JSON.stringify(patch.contributors);
  if (patch.noticeId !== undefined) set.notice_id = patch.noticeId;
  if (patch.reference !== undefined) set.reference = patch.reference;
  if (patch.submittedAt !== undefined) set.submitted_at = patch.submittedAt;
  if (patch.publishedAt !== undefined) set.published_at = patch.publishedAt;
  if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt;
  if (patch.withdrawalReason !== undefined) set.withdrawal_reason = patch.withdrawalReason;
  if (patch.withdrawalNote !== undefined) set.withdrawal_note = patch.withdrawalNote;
  const r = await trx.updateTable('notice_requests').set(set).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}

export async function getRequest(db: Executor, id: string): Promise<NoticeRequest | undefined> {
  const row = await db.selectFrom('notice_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export type RequestListFilter = {
  /** Requests of this agency, in any status. */
  agencyId?: string | undefined;
  /** Only these statuses. */
  statuses?: readonly RequestStatus[] | undefined;
  /** Requests this agency may see: its own, and every circulating one. */
  visibleTo?: { agencyId: string; live: readonly RequestStatus[] } | undefined;
  kind?: 'wanted' | 'missing' | undefined;
  order: 'updated' | 'queue';
  limit: number;
  offset?: number | undefined;
};

export async function listRequests(db: Executor, f: RequestListFilter): Promise<NoticeRequest[]> {
  let q = db.selectFrom('notice_requests').selectAll();
  if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
  if (f.statuses !== undefined) q = q.where('status', 'in', f.statuses.length > 0 ? [...f.statuses] : ['none']);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  const v = f.visibleTo;
  if (v !== undefined) q = q.where((eb) => eb.or([eb('agency_id', '=', v.agencyId), eb('status', 'in', [...v.live])]));
  q = f.order === 'queue' ? q.orderBy('submitted_at', 'asc').orderBy('id', 'asc') : q.orderBy('updated_at', 'desc').orderBy('id', 'desc');
  const rows = await q.limit(f.limit).offset(f.offset ?? 0).execute();
  return rows.map(toRequest);
}

/** Circulating requests whose validity ended by `nowIso`, oldest first. */
export async function listExpiredIds(db: Executor, live: readonly RequestStatus[], nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notice_requests')
    .select('id')
    .where('status', 'in', [...live])
    .where('expires_at', '<=', nowIso)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

// Versions -------------------------------------------------------------------------------------------------------

function toVersion(r: Selectable<NoticeRequestVersionsTable>): RequestVersion {
  return {
    requestId: r.request_id,
    version: toCount(r.version),
    facts: factsOf(r.facts),
    photoIds: strings(r.photo_ids),
    contributors: strings(r.contributors),
    occasion: r.occasion as VersionOccasion,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    decision: r.decision as ReviewDecision | null,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

export async function insertVersion(trx: Transaction<Database>, v: Omit<RequestVersion, 'decision' | 'decidedBy' | 'decidedAt'>): Promise<void> {
  await trx
    .insertInto('notice_request_versions')
    .values({
      request_id: v.requestId,
      version: v.version,
      facts: JSON.stringify(v.facts),
      photo_ids: JSON.stringify(v.photoIds),
      contributors: JSON.stringify(v.contributors),
      occasion: v.occasion,
      submitted_by: v.submittedBy,
      submitted_at: v.submittedAt,
      decision: null,
      decided_by: null,
      decided_at: null,
    })
    .execute();
}

export async function decideVersion(trx: Transaction<Database>, requestId: string, version: number, decision: ReviewDecision, by: string, at: string): Promise<void> {
  await trx
    .updateTable('notice_request_versions')
    .set({ decision, decided_by: by, decided_at: at })
    .where('request_id', '=', requestId)
    .where('version', '=', version)
    .execute();
}

export async function listVersions(db: Executor, requestId: string): Promise<RequestVersion[]> {
  const rows = await db.selectFrom('notice_request_versions').selectAll().where('request_id', '=', requestId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

export async function getVersion(db: Executor, requestId: string, version: number): Promise<RequestVersion | undefined> {
  const row = await db.selectFrom('notice_request_versions').selectAll().where('request_id', '=', requestId).where('version', '=', version).executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

// Events ---------------------------------------------------------------------------------------------------------

function toEvent(r: Selectable<NoticeRequestEventsTable>): RequestEvent {
  const details: unknown = JSON.parse(r.details);
  return {
    id: r.id,
    requestId: r.request_id,
    version: toCount(r.version),
    at: r.at,
    actorUserId: r.actor_user_id,
    actorAgencyId: r.actor_agency_id,
    action: r.action as RequestEvent['action'],
    status: r.status as RequestStatus,
    comment: r.comment,
    details: details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
  };
}

export async function insertEvent(trx: Transaction<Database>, e: RequestEvent): Promise<void> {
  await trx
    .insertInto('notice_request_events')
    .values({
      id: e.id,
      request_id: e.requestId,
      version: e.version,
      at: e.at,
      actor_user_id: e.actorUserId,
      actor_agency_id: e.actorAgencyId,
      action: e.action,
      status: e.status,
      comment: e.comment,
      details: JSON.stringify(e.details),
    })
    .execute();
}

export async function listEvents(db: Executor, requestId: string): Promise<RequestEvent[]> {
  const rows = await db.selectFrom('notice_request_events').selectAll().where('request_id', '=', requestId).orderBy('at', 'asc').orderBy('id', 'asc').execute();
  return rows.map(toEvent);
}

// Photos ---------------------------------------------------------------------------------------------------------

function toPhoto(r: Selectable<NoticeRequestPhotosTable>): RequestPhoto {
  return {
    id: r.id,
    requestId: r.request_id,
    position: toCount(r.position),
    width: toCount(r.width),
    height: toCount(r.height),
    sizes: JSON.parse(r.sizes) as RequestPhoto['sizes'],
    removedAt: r.removed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function insertPhoto(trx: Transaction<Database>, p: Omit<RequestPhoto, 'position' | 'removedAt'>): Promise<RequestPhoto> {
  const row = await trx
    .selectFrom('notice_request_photos')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('request_id', '=', p.requestId)
    .executeTakeFirst();
  const position = row?.last === null || row?.last === undefined ? 0 : toCount(row.last) + 1;
  await trx
    .insertInto('notice_request_photos')
    .values({
      id: p.id,
      request_id: p.requestId,
      position,
      width: p.width,
      height: p.height,
      sizes: JSON.stringify(p.sizes),
      removed_at: null,
      created_by: p.createdBy,
      created_at: p.createdAt,
    })
    .execute();
  return { ...p, position, removedAt: null };
}

/** A request's photos in order; removed ones only when asked (earlier versions may still show them). */
export async function listPhotos(db: Executor, requestId: string, opts: { includeRemoved: boolean }): Promise<RequestPhoto[]> {
  let q = db.selectFrom('notice_request_photos').selectAll().where('request_id', '=', requestId);
  if (!opts.includeRemoved) q = q.where('removed_at', 'is', null);
  return (await q.orderBy('position').execute()).map(toPhoto);
}

export async function markPhotoRemoved(trx: Transaction<Database>, requestId: string, photoId: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('notice_request_photos')
    .set({ removed_at: at })
    .where('request_id', '=', requestId)
    .where('id', '=', photoId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}
