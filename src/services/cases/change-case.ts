/**
 * Use cases that move a case on: a recipient acknowledges receipt; the originator closes it; a recipient refuses it
 * with a reason (both start the retention clock: first review six months after); the office's liaison officer
 * forwards it to a counterpart agency, which H2 information stops unless its originator has permitted it; the author's
 * agency permits another agency to use (H1) or receive (H2) one of its messages.
 */
import { AppError } from '../../core/errors.ts';
import { forwardBlockers, isOfficeLiaison, reviewDateAfter } from '../../core/cases.ts';
import { nowIso } from '../../core/ids.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency } from '../../storage/repositories/accounts.ts';
import { addParticipant, getCase, insertPermission, listMessages, setAcknowledged, touchCaseActivity, updateCase, type StoredCase } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { participatedCase, visibleCase } from './case-steps.ts';
import { notifyParticipants } from './notify-participants.ts';

async function reread(db: Db, id: string): Promise<StoredCase> {
  const c = await getCase(db, id);
  if (!c) throw new Error('case vanished');
  return c;
}

export async function acknowledgeCase(db: Db, principal: Principal, caseId: string, now: Date): Promise<StoredCase> {
  assertCan(principal, 'cases.exchange');
  return inTransaction(db, async (trx) => {
    const c = await participatedCase(trx, principal, caseId);
    if (principal.agencyId === c.originatorAgencyId) throw new AppError('conflict', 'cases.error.own_case');
    const at = nowIso(now);
    // Acknowledging twice is not an error: the first acknowledgement stands, with its time and person.
    if (await setAcknowledged(trx, c.id, principal.agencyId, principal.userId, at))
      await recordAudit(trx, { action: 'alter', objectType: 'case', objectId: c.id, details: { change: 'acknowledged' } });
    else await recordAudit(trx, { action: 'consult', objectType: 'case', objectId: c.id, details: { change: 'acknowledged_before' } });
    return reread(trx, c.id);
  });
}

export async function closeCase(db: Db, principal: Principal, caseId: string, ending: { outcome: 'closed' | 'refused'; reason: string }, now: Date): Promise<StoredCase> {
  assertCan(principal, 'cases.exchange');
  return inTransaction(db, async (trx) => {
    const c = await participatedCase(trx, principal, caseId);
    const originator = principal.agencyId === c.originatorAgencyId;
    if (ending.outcome === 'closed' && !originator) throw new AppError('forbidden', 'cases.error.originator_closes');
    if (ending.outcome === 'refused') {
      if (originator) throw new AppError('conflict', 'cases.error.own_case');
      if (ending.reason.trim() === '') throw new AppError('validation_failed', 'cases.error.invalid', {}, [{ field: 'reason', message: 'cases.error.reason_needed' }]);
    }
    if (c.status !== 'open' && c.status !== 'answered') throw new AppError('conflict', 'cases.error.case_ended');
    if (ending.outcome === 'refused' && c.status !== 'open') throw new AppError('conflict', 'cases.error.case_ended');
    const at = nowIso(now);
    const moved = await updateCase(trx, c.id, c.status, {
      status: ending.outcome,
      closedAt: at,
      reviewAt: reviewDateAfter(at),
      refusalReason: ending.outcome === 'refused' ? ending.reason.trim() : null,
    });
    if (!moved) throw new AppError('conflict', 'cases.error.changed_meanwhile');
    await touchCaseActivity(trx, c.id, at);
    await recordAudit(trx, { action: 'alter', objectType: 'case', objectId: c.id, details: { change: ending.outcome } });
    return reread(trx, c.id);
  });
}

export async function forwardCase(db: Db, principal: Principal, caseId: string, toAgencyId: string, now: Date): Promise<StoredCase> {
  assertCan(principal, 'cases.exchange');
  if (!isOfficeLiaison(principal)) throw new AppError('forbidden', 'cases.error.liaison_forwards');
  return inTransaction(db, async (trx) => {
    const c = await visibleCase(trx, principal, caseId);
    if (c.erasedAt || (c.status !== 'open' && c.status !== 'answered')) throw new AppError('conflict', 'cases.error.case_ended');
    const to = await getAgency(trx, toAgencyId);
    if (!to || to.disabledAt) throw new AppError('validation_failed', 'cases.error.invalid', {}, [{ field: 'agencyId', message: 'cases.error.unknown_recipient' }]);
    if (c.participants.some((p) => p.agencyId === toAgencyId)) throw new AppError('conflict', 'cases.error.already_participant');
    const blockers = forwardBlockers(await listMessages(trx, c.id), toAgencyId);
    if (blockers.length > 0)
      throw new AppError('conflict', 'cases.error.h2_blocks_forward', { count: blockers.length }, blockers.map((m) => ({ field: `messages.${m.id}`, message: 'cases.error.h2_no_permission' })));
    const at = nowIso(now);
    // The office takes part from the moment it forwards, so it sees the answers it routed the case for.
    await addParticipant(trx, c.id, principal.agencyId, 'forwarded', principal.userId, at);
    await addParticipant(trx, c.id, toAgencyId, 'forwarded', principal.userId, at);
    await touchCaseActivity(trx, c.id, at);
    await recordAudit(trx, { action: 'disclose', objectType: 'case', objectId: c.id, recipients: [toAgencyId], details: { change: 'forwarded', to: toAgencyId } });
    await notifyParticipants(trx, { caseId: c.id, reference: c.reference, urgency: c.urgency, kind: 'new_case', toAgencyIds: [toAgencyId], at });
    return reread(trx, c.id);
  });
}

export async function grantMessagePermission(db: Db, principal: Principal, caseId: string, messageId: string, toAgencyId: string, now: Date): Promise<StoredCase> {
  assertCan(principal, 'cases.exchange');
  return inTransaction(db, async (trx) => {
    const c = await participatedCase(trx, principal, caseId);
    const m = (await listMessages(trx, c.id)).find((x) => x.id === messageId);
    if (!m) throw new AppError('not_found', 'error.detail.resource_not_found');
    // The originator of the information decides: here, the agency that wrote the message.
    if (m.authorAgencyId !== principal.agencyId) throw new AppError('forbidden', 'cases.error.originator_permits');
    if (m.handlingCode !== 'H1' && m.handlingCode !== 'H2') throw new AppError('conflict', 'cases.error.nothing_to_permit');
    const to = await getAgency(trx, toAgencyId);
    if (!to) throw new AppError('validation_failed', 'cases.error.invalid', {}, [{ field: 'agencyId', message: 'cases.error.unknown_recipient' }]);
    await insertPermission(trx, m.id, toAgencyId, principal.userId, nowIso(now));
    await recordAudit(trx, { action: 'alter', objectType: 'case', objectId: c.id, details: { change: 'permission_granted', message: m.id, to: toAgencyId, handlingCode: m.handlingCode } });
    return reread(trx, c.id);
  });
}
