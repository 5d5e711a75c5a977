/** Reads and writes exchange cases, their participants, messages, permissions, attachments, receipts, links and hits, on either dialect. */
import type { Selectable, Transaction, Updateable } from 'kysely';
import type {
  CaseEntity,
  CaseMessage,
  CaseParticipant,
  CaseStatus,
  CaseKind,
  CrimeArea,
  ExchangeCase,
  ParticipantRole,
  Receipt,
  Urgency,
} from '../../core/cases.ts';
import type { RequestPhoto } from '../../core/notice-requests.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { CaseMessagesTable, CasesTable } from '../schema-cases.ts';

type Executor = Db | Transaction<Database>;

const jsonArray = <T>(text: string): T[] => {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? (v as T[]) : [];
};

function toCase(r: Selectable<CasesTable>, participants: CaseParticipant[], links: { target_type: string; target_id: string }[]): ExchangeCase & { reference: string; erasedAt: string | null; retentionNote: string | null } {
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind as CaseKind,
    subject: r.subject,
    nationalReference: r.national_reference,
    crimeArea: r.crime_area as CrimeArea,
    urgency: r.urgency as Urgency,
    status: r.status as CaseStatus,
    originatorAgencyId: r.originator_agency_id,
    createdBy: r.created_by,
    openedAt: r.opened_at,
    deadlineAt: r.deadline_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    refusalReason: r.refusal_reason,
    reviewAt: r.review_at,
    retentionNote: r.retention_note,
    erasedAt: r.erased_at,
    entities: jsonArray<CaseEntity>(r.entities),
    participants,
    linkedRequestIds: links.filter((l) => l.target_type === 'notice_request').map((l) => l.target_id),
    linkedCaseIds: links.filter((l) => l.target_type === 'case').map((l) => l.target_id),
    isDemo: r.is_demo === 1,
  };
}

export type StoredCase = ReturnType<typeof toCase>;

export async function nextCaseReference(trx: Transaction<Database>, year: number): Promise<string> {
  const scope = `case:${year}`;
  await trx.insertInto('reference_counters').values({ scope, last: 0 }).onConflict((oc) => oc.column('scope').doNothing()).execute();
  const next = await trx
    .updateTable('reference_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('scope', '=', scope)
    .returning('last')
    .executeTakeFirstOrThrow();
  return `CASE-${year}-${String(toCount(next.last)).padStart(5, '0')}`;
}

export async function insertCase(trx: Transaction<Database>, c: ExchangeCase & { reference: string }): Promise<void> {
  await trx
    .insertInto('cases')
    .values({
      id: c.id,
      reference: c.reference,
      kind: c.kind,
      subject: c.subject,
      national_reference: c.nationalReference,
      crime_area: c.crimeArea,
      urgency: c.urgency,
      status: c.status,
      originator_agency_id: c.originatorAgencyId,
      created_by: c.createdBy,
      opened_at: c.openedAt,
      deadline_at: c.deadlineAt,
      answered_at: null,
      closed_at: null,
      refusal_reason: null,
      review_at: null,
      retention_note: null,
      erased_at: null,
      overdue_notified_at: null,
      entities: JSON.stringify(c.entities),
      is_demo: c.isDemo ? 1 : 0,
    })
    .execute();
  for (const p of c.participants) await addParticipant(trx, c.id, p.agencyId, p.role, p.addedBy, p.addedAt);
  const links = [
    ...c.linkedRequestIds.map((id) => ({ case_id: c.id, target_type: 'notice_request', target_id: id })),
    ...c.linkedCaseIds.map((id) => ({ case_id: c.id, target_type: 'case', target_id: id })),
  ];
  if (links.length > 0) await trx.insertInto('case_links').values(links).execute();
}

export async function addParticipant(trx: Transaction<Database>, caseId: string, agencyId: string, role: ParticipantRole, addedBy: string | null, at: string): Promise<void> {
  await trx
    .insertInto('case_participants')
    .values({ case_id: caseId, agency_id: agencyId, role, added_at: at, added_by: addedBy, activity_at: at, acknowledged_at: null, acknowledged_by: null })
    .onConflict((oc) => oc.columns(['case_id', 'agency_id']).doNothing())
    .execute();
}

type ParticipantRow = { case_id: string; agency_id: string; role: string; added_at: string; added_by: string | null; acknowledged_at: string | null; acknowledged_by: string | null };

const toParticipant = (p: ParticipantRow): CaseParticipant => ({
  agencyId: p.agency_id,
  role: p.role as ParticipantRole,
  addedAt: p.added_at,
  addedBy: p.added_by,
  acknowledgedAt: p.acknowledged_at,
  acknowledgedBy: p.acknowledged_by,
});

export async function getCase(db: Executor, id: string): Promise<StoredCase | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [participants, links] = await Promise.all([
    db.selectFrom('case_participants').selectAll().where('case_id', '=', id).orderBy('added_at').execute(),
    db.selectFrom('case_links').select(['target_type', 'target_id']).where('case_id', '=', id).execute(),
  ]);
  return toCase(row, participants.map(toParticipant), links);
}

export async function getCasesByIds(db: Executor, ids: readonly string[]): Promise<StoredCase[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('cases').selectAll().where('id', 'in', [...ids]).execute();
  const parts = await db.selectFrom('case_participants').selectAll().where('case_id', 'in', [...ids]).orderBy('added_at').execute();
  return rows.map((r) =>
    toCase(
      r,
      parts.filter((p) => p.case_id === r.id).map(toParticipant),
      [],
    ),
  );
}

export type CaseListRow = {
  id: string;
  reference: string;
  kind: CaseKind;
  subject: string;
  urgency: Urgency;
  status: CaseStatus;
  crimeArea: CrimeArea;
  originatorAgencyId: string;
  openedAt: string;
  deadlineAt: string;
  answeredAt: string | null;
  activityAt: string;
  role: ParticipantRole;
  acknowledgedAt: string | null;
  erased: boolean;
};

export type CaseListFilter = {
  agencyId: string;
  status?: CaseStatus | undefined;
  urgency?: Urgency | undefined;
  /** Only open cases whose deadline passed before this instant. */
  overdueAt?: string | undefined;
  role?: 'sent' | 'received' | undefined;
  /** Keyset: rows strictly after this (activity, id) in the list's order. */
  after?: { activityAt: string; id: string } | undefined;
  limit: number;
};

/**
 * One page of an agency's cases, most recent activity first, read in the order of the participants' index, so the
 * page costs the same with a hundred cases or a hundred thousand. The page is chosen from indexes alone (the
 * participants' index, and `cases_list_probe` or `cases_list_filter` for the filters), then only its rows are read.
 * The cross join keeps SQLite, which has no statistics, walking the agency's index in order: joined the usual way, it
 * drives a status or overdue filter from `cases_status_deadline` and sorts every open case of the database (100 ms
 * at 100,000 cases). PostgreSQL plans a cross join as any inner join, and picks a walk or a join by its statistics.
 */
export async function listAgencyCases(db: Executor, f: CaseListFilter): Promise<CaseListRow[]> {
  let page = db
    .selectFrom('case_participants as p')
    .crossJoin('cases as f')
    .whereRef('f.id', '=', 'p.case_id')
    .select(['p.case_id', 'p.activity_at', 'p.role', 'p.acknowledged_at'])
    .where('p.agency_id', '=', f.agencyId);
  if (f.status) page = page.where('f.status', '=', f.status);
  if (f.urgency) page = page.where('f.urgency', '=', f.urgency);
  if (f.overdueAt) page = page.where('f.status', '=', 'open').where('f.deadline_at', '<=', f.overdueAt);
  if (f.role === 'sent') page = page.where('p.role', '=', 'originator');
  if (f.role === 'received') page = page.where('p.role', '!=', 'originator');
  const after = f.after;
  if (after) page = page.where((eb) => eb.or([eb('p.activity_at', '<', after.activityAt), eb.and([eb('p.activity_at', '=', after.activityAt), eb('p.case_id', '<', after.id)])]));
  const rows = await db
    .selectFrom(page.orderBy('p.activity_at', 'desc').orderBy('p.case_id', 'desc').limit(f.limit).as('k'))
    .crossJoin('cases as c')
    .whereRef('c.id', '=', 'k.case_id')
    .select([
      'c.id',
      'c.reference',
      'c.kind',
      'c.subject',
      'c.urgency',
      'c.status',
      'c.crime_area',
      'c.originator_agency_id',
      'c.opened_at',
      'c.deadline_at',
      'c.answered_at',
      'c.erased_at',
      'k.activity_at',
      'k.role',
      'k.acknowledged_at',
    ])
    .orderBy('k.activity_at', 'desc')
    .orderBy('k.case_id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    kind: r.kind as CaseKind,
    subject: r.subject,
    urgency: r.urgency as Urgency,
    status: r.status as CaseStatus,
    crimeArea: r.crime_area as CrimeArea,
    originatorAgencyId: r.originator_agency_id,
    openedAt: r.opened_at,
    deadlineAt: r.deadline_at,
    answeredAt: r.answered_at,
    activityAt: r.activity_at,
    role: r.role as ParticipantRole,
    acknowledgedAt: r.acknowledged_at,
    erased: r.erased_at !== null,
  }));
}

/** Open cases past their deadline whose participants were not yet told, oldest deadline first. */
export async function listOverdueCaseIds(db: Executor, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'open')
    .where('deadline_at', '<=', nowIso)
    .where('overdue_notified_at', 'is', null)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Marks the case's overdue notice as given; false when another instance gave it first. */
export async function markOverdueNotified(trx: Transaction<Database>, id: string, at: string): Promise<boolean> {
  const r = await trx.updateTable('cases').set({ overdue_notified_at: at }).where('id', '=', id).where('overdue_notified_at', 'is', null).executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}

export async function touchCaseActivity(trx: Transaction<Database>, caseId: string, at: string): Promise<void> {
  await trx.updateTable('case_participants').set({ activity_at: at }).where('case_id', '=', caseId).execute();
}

export async function setAcknowledged(trx: Transaction<Database>, caseId: string, agencyId: string, userId: string, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('case_participants')
    .set({ acknowledged_at: at, acknowledged_by: userId })
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}

export type CasePatch = Partial<{ status: CaseStatus; answeredAt: string | null; closedAt: string | null; refusalReason: string | null; reviewAt: string | null; retentionNote: string | null }>;

/** Updates the case while it is still in the status read, so two racing moves cannot both win. */
export async function updateCase(trx: Transaction<Database>, id: string, expected: CaseStatus, patch: CasePatch): Promise<boolean> {
  const set: Updateable<CasesTable> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.answeredAt !== undefined) set.answered_at = patch.answeredAt;
  if (patch.closedAt !== undefined) set.closed_at = patch.closedAt;
  if (patch.refusalReason !== undefined) set.refusal_reason = patch.refusalReason;
  if (patch.reviewAt !== undefined) set.review_at = patch.reviewAt;
  if (patch.retentionNote !== undefined) set.retention_note = patch.retentionNote;
  const r = await trx.updateTable('cases').set(set).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return toCount(r.numUpdatedRows) === 1;
}

// Messages --------------------------------------------------------------------------------------------------------

function toMessage(r: Selectable<CaseMessagesTable>, permissions: { message_id: string; agency_id: string; granted_by: string; granted_at: string }[]): CaseMessage {
  return {
    id: r.id,
    caseId: r.case_id,
    authorUserId: r.author_user_id,
    authorAgencyId: r.author_agency_id,
    replyTo: r.reply_to,
    body: r.body,
    handlingCode: r.handling_code as CaseMessage['handlingCode'],
    restriction: r.restriction,
    sourceGrade: r.source_grade as CaseMessage['sourceGrade'],
    informationGrade: r.information_grade as CaseMessage['informationGrade'],
    sentAt: r.sent_at,
    permissions: permissions.filter((p) => p.message_id === r.id).map((p) => ({ agencyId: p.agency_id, grantedBy: p.granted_by, grantedAt: p.granted_at })),
  };
}

export async function insertMessage(trx: Transaction<Database>, m: Omit<CaseMessage, 'permissions'>): Promise<void> {
  await trx
    .insertInto('case_messages')
    .values({
      id: m.id,
      case_id: m.caseId,
      author_user_id: m.authorUserId,
      author_agency_id: m.authorAgencyId,
      reply_to: m.replyTo,
      body: m.body,
      handling_code: m.handlingCode,
      restriction: m.restriction,
      source_grade: m.sourceGrade,
      information_grade: m.informationGrade,
      sent_at: m.sentAt,
    })
    .execute();
}

export async function listMessages(db: Executor, caseId: string): Promise<CaseMessage[]> {
  const rows = await db.selectFrom('case_messages').selectAll().where('case_id', '=', caseId).orderBy('sent_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const perms = await db
    .selectFrom('case_message_permissions as mp')
    .innerJoin('case_messages as m', 'm.id', 'mp.message_id')
    .select(['mp.message_id', 'mp.agency_id', 'mp.granted_by', 'mp.granted_at'])
    .where('m.case_id', '=', caseId)
    .execute();
  return rows.map((r) => toMessage(r, perms));
}

export async function insertPermission(trx: Transaction<Database>, messageId: string, agencyId: string, grantedBy: string, at: string): Promise<void> {
  await trx
    .insertInto('case_message_permissions')
    .values({ message_id: messageId, agency_id: agencyId, granted_by: grantedBy, granted_at: at })
    .onConflict((oc) => oc.columns(['message_id', 'agency_id']).doNothing())
    .execute();
}

// Attachments, receipts, hits -------------------------------------------------------------------------------------

export type CaseAttachment = { id: string; messageId: string; caseId: string; fileName: string; width: number; height: number; sizes: RequestPhoto['sizes']; createdAt: string };

export async function insertAttachment(trx: Transaction<Database>, a: CaseAttachment): Promise<void> {
  await trx
    .insertInto('case_attachments')
    .values({ id: a.id, message_id: a.messageId, case_id: a.caseId, file_name: a.fileName, width: a.width, height: a.height, sizes: JSON.stringify(a.sizes), created_at: a.createdAt })
    .execute();
}

export async function listAttachments(db: Executor, caseId: string): Promise<CaseAttachment[]> {
  const rows = await db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    caseId: r.case_id,
    fileName: r.file_name,
    width: toCount(r.width),
    height: toCount(r.height),
    sizes: JSON.parse(r.sizes) as CaseAttachment['sizes'],
    createdAt: r.created_at,
  }));
}

/** Records the first opening of the case by this user; later openings change nothing. */
export async function recordReceipt(trx: Transaction<Database>, r: Receipt): Promise<void> {
  await trx
    .insertInto('case_receipts')
    .values({ case_id: r.caseId, user_id: r.userId, agency_id: r.agencyId, opened_at: r.openedAt })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

export async function listReceipts(db: Executor, caseId: string): Promise<Receipt[]> {
  const rows = await db.selectFrom('case_receipts').selectAll().where('case_id', '=', caseId).orderBy('opened_at').execute();
  return rows.map((r) => ({ caseId: r.case_id, userId: r.user_id, agencyId: r.agency_id, openedAt: r.opened_at }));
}

export type CaseHit = { entityIndex: number; requestId: string | null; reference: string | null; familyName: string; forename: string; score: number; match: boolean; explanation: string };

export async function replaceHits(trx: Transaction<Database>, caseId: string, hits: readonly CaseHit[]): Promise<void> {
  await trx.deleteFrom('case_hits').where('case_id', '=', caseId).execute();
  if (hits.length === 0) return;
  await trx
    .insertInto('case_hits')
    .values(
      hits.map((h) => ({
        case_id: caseId,
        entity_index: h.entityIndex,
        request_id: h.requestId,
        reference: h.reference,
        family_name: h.familyName,
        forename: h.forename,
        score: h.score,
        is_match: h.match ? 1 : 0,
        explanation: h.explanation,
      })),
    )
    .execute();
}

export async function listHits(db: Executor, caseId: string): Promise<CaseHit[]> {
  const rows = await db.selectFrom('case_hits').selectAll().where('case_id', '=', caseId).orderBy('entity_index').orderBy('score', 'desc').execute();
  return rows.map((r) => ({
    entityIndex: toCount(r.entity_index),
    requestId: r.request_id,
    reference: r.reference,
    familyName: r.family_name,
    forename: r.forename,
    score: Number(r.score),
    match: r.is_match === 1,
    explanation: r.explanation,
  }));
}

// Retention ---------------------------------------------------------------------------------------------------------

/** Closed or refused cases whose review date has passed and which hold data still. */
export async function listCasesDueForErasure(db: Executor, nowIso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('status', 'in', ['closed', 'refused'])
    .where('erased_at', 'is', null)
    .where('review_at', '<=', nowIso)
    .orderBy('review_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Erases a case's personal data (messages with their attachments and permissions, named entities, receipts, hits,
 * links, the subject and national reference) and keeps what the statistics need: agencies, crime area, urgency, dates.
 * Returns the store keys of the attachments' bytes, for the caller to delete once the transaction has committed.
 */
export async function eraseCase(trx: Transaction<Database>, id: string, at: string): Promise<string[]> {
  const keys = (await listAttachments(trx, id)).flatMap((a) => Object.values(a.sizes).map((s) => s.key));
  await trx.deleteFrom('case_attachments').where('case_id', '=', id).execute();
  const messageIds = (await trx.selectFrom('case_messages').select('id').where('case_id', '=', id).execute()).map((m) => m.id);
  if (messageIds.length > 0) await trx.deleteFrom('case_message_permissions').where('message_id', 'in', messageIds).execute();
  await trx.deleteFrom('case_messages').where('case_id', '=', id).execute();
  await trx.deleteFrom('case_receipts').where('case_id', '=', id).execute();
  await trx.deleteFrom('case_hits').where('case_id', '=', id).execute();
  await trx.deleteFrom('case_links').where('case_id', '=', id).execute();
  await trx
    .updateTable('cases')
    .set({ subject: '', national_reference: '', entities: '[]', refusal_reason: null, retention_note: null, erased_at: at })
    .where('id', '=', id)
    .execute();
  return keys;
}

/** Counts for the office's statistics, one row per case with the fields they are grouped by. */
export async function listCasesForStatistics(db: Executor, from: string, to: string): Promise<
  { id: string; originatorAgencyId: string; crimeArea: string; urgency: string; status: string; deadlineAt: string; answeredAt: string | null; recipients: string[] }[]
> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'originator_agency_id', 'crime_area', 'urgency', 'status', 'deadline_at', 'answered_at'])
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .execute();
  // Joined on the same window rather than listing the ids: a year of cases would pass the dialects' bound-parameter limits.
  const parts = rows.length
    ? await db
        .selectFrom('case_participants as p')
        .innerJoin('cases as c', 'c.id', 'p.case_id')
        .select(['p.case_id', 'p.agency_id'])
        .where('p.role', '!=', 'originator')
        .where('c.opened_at', '>=', from)
        .where('c.opened_at', '<', to)
        .execute()
    : [];
  const recipients = new Map<string, string[]>();
  for (const p of parts) recipients.set(p.case_id, [...(recipients.get(p.case_id) ?? []), p.agency_id]);
  return rows.map((r) => ({
    id: r.id,
    originatorAgencyId: r.originator_agency_id,
    crimeArea: r.crime_area,
    urgency: r.urgency,
    status: r.status,
    deadlineAt: r.deadline_at,
    answeredAt: r.answered_at,
    recipients: recipients.get(r.id) ?? [],
  }));
}
