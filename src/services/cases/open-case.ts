/**
 * Use case: an officer opens a case (a request for assistance or an information message) to one or more agencies, in
 * the same or other countries, or to the office for routing, with its first message; the persons it names are
 * cross-checked against the notices at once, and the recipients are notified.
 */
import { AppError } from '../../core/errors.ts';
import { caseInputSchema, deadlineOf, type ExchangeCase } from '../../core/cases.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency } from '../../storage/repositories/accounts.ts';
import { getCase, insertCase, insertMessage, nextCaseReference, replaceHits, type StoredCase } from '../../storage/repositories/cases.ts';
import { getRequest } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { canSee } from '../notice-requests/request-steps.ts';
import type { NoticeIndex } from '../notices/notice-index.ts';
import { inTransaction } from '../transaction.ts';
import { crossCheckEntities } from './cross-check-case.ts';
import { notifyParticipants } from './notify-participants.ts';

export async function openCase(db: Db, index: NoticeIndex, principal: Principal, input: unknown, now: Date, opts: { isDemo?: boolean } = {}): Promise<StoredCase> {
  assertCan(principal, 'cases.exchange');
  const parsed = caseInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('validation_failed', 'cases.error.invalid', {}, parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
  const c = parsed.data;
  const recipients = [...new Set(c.recipientAgencyIds)].filter((id) => id !== principal.agencyId);
  if (recipients.length === 0) throw new AppError('validation_failed', 'cases.error.no_recipient', {}, [{ field: 'recipientAgencyIds', message: 'cases.error.no_recipient' }]);
  // Catch up before the transaction: inside it, on SQLite, a catch-up would wait for the connection it holds.
  if (!db.isTransaction) await index.sync();
  return inTransaction(db, async (trx) => {
    for (const [i, id] of recipients.entries()) {
      const agency = await getAgency(trx, id);
      if (!agency || agency.disabledAt) throw new AppError('validation_failed', 'cases.error.unknown_recipient', {}, [{ field: `recipientAgencyIds.${i}`, message: 'cases.error.unknown_recipient' }]);
    }
    for (const [i, id] of c.linkedRequestIds.entries()) {
      const r = await getRequest(trx, id);
      if (!r || !canSee(principal, r)) throw new AppError('validation_failed', 'cases.error.unknown_link', {}, [{ field: `linkedRequestIds.${i}`, message: 'cases.error.unknown_link' }]);
    }
    for (const [i, id] of c.linkedCaseIds.entries()) {
      const linked = await getCase(trx, id);
      if (!linked || !linked.participants.some((p) => p.agencyId === principal.agencyId))
        throw new AppError('validation_failed', 'cases.error.unknown_link', {}, [{ field: `linkedCaseIds.${i}`, message: 'cases.error.unknown_link' }]);
    }
    const at = nowIso(now);
    const id = newId(now.getTime());
    const reference = await nextCaseReference(trx, now.getUTCFullYear());
    const record: ExchangeCase & { reference: string } = {
      id,
      reference,
      kind: c.kind,
      subject: c.subject,
      nationalReference: c.nationalReference,
      crimeArea: c.crimeArea,
      urgency: c.urgency,
      status: 'open',
      originatorAgencyId: principal.agencyId,
      createdBy: principal.userId,
      openedAt: at,
      deadlineAt: deadlineOf(at, c.urgency),
      answeredAt: null,
      closedAt: null,
      refusalReason: null,
      reviewAt: null,
      entities: c.entities,
      participants: [
        { agencyId: principal.agencyId, role: 'originator', addedAt: at, addedBy: principal.userId, acknowledgedAt: null, acknowledgedBy: null },
        ...recipients.map((agencyId) => ({ agencyId, role: 'recipient' as const, addedAt: at, addedBy: principal.userId, acknowledgedAt: null, acknowledgedBy: null })),
      ],
      linkedRequestIds: c.linkedRequestIds,
      linkedCaseIds: c.linkedCaseIds,
      isDemo: opts.isDemo ?? false,
    };
    await insertCase(trx, record);
    const messageId = newId(now.getTime());
    await insertMessage(trx, { id: messageId, caseId: id, authorUserId: principal.userId, authorAgencyId: principal.agencyId, replyTo: null, sentAt: at, ...c.message });
    await replaceHits(trx, id, await crossCheckEntities(trx, index, c.entities, principal));
    await recordAudit(trx, {
      action: 'disclose',
      objectType: 'case',
      objectId: id,
      recipients,
      details: { change: 'opened', reference, urgency: c.urgency, handlingCode: c.message.handlingCode, entities: c.entities.length },
    });
    await notifyParticipants(trx, { caseId: id, reference, urgency: c.urgency, kind: 'new_case', toAgencyIds: recipients, at });
    const opened = await getCase(trx, id);
    if (!opened) throw new Error('opened case vanished');
    return opened;
  });
}
