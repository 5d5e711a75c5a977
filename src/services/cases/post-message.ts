/**
 * Use case: a participant adds a message to a case (a reply, or more information), with its own handling code and
 * evaluation. The first message from an agency other than the originator answers the case, and its time is what the
 * deadline is measured against. The other participants are notified.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { messageInputSchema, type CaseMessage } from '../../core/cases.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { insertMessage, listMessages, touchCaseActivity, updateCase } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { participatedCase } from './case-steps.ts';
import { notifyParticipants } from './notify-participants.ts';

/** A message may answer an earlier one of the same case. */
const messageReply = z.object({ replyTo: z.string().regex(/^[0-9a-z]{26}$/).nullable().optional() });

export async function postMessage(db: Db, principal: Principal, caseId: string, input: unknown, now: Date): Promise<CaseMessage> {
  assertCan(principal, 'cases.exchange');
  const parsed = messageInputSchema.and(messageReply).safeParse(input);
  if (!parsed.success)
    throw new AppError('validation_failed', 'cases.error.invalid', {}, parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
  return inTransaction(db, async (trx) => {
    const c = await participatedCase(trx, principal, caseId);
    if (c.status === 'closed' || c.status === 'refused') throw new AppError('conflict', 'cases.error.case_ended');
    const { replyTo, ...content } = parsed.data;
    if (replyTo && !(await listMessages(trx, c.id)).some((m) => m.id === replyTo))
      throw new AppError('validation_failed', 'cases.error.invalid', {}, [{ field: 'replyTo', message: 'cases.error.unknown_message' }]);
    const at = nowIso(now);
    const message = { id: newId(now.getTime()), caseId: c.id, authorUserId: principal.userId, authorAgencyId: principal.agencyId, replyTo: replyTo ?? null, sentAt: at, ...content };
    await insertMessage(trx, message);
    await touchCaseActivity(trx, c.id, at);
    const answers = principal.agencyId !== c.originatorAgencyId && c.answeredAt === null && c.status === 'open';
    if (answers && !(await updateCase(trx, c.id, 'open', { status: 'answered', answeredAt: at }))) throw new AppError('conflict', 'cases.error.changed_meanwhile');
    const others = c.participants.map((p) => p.agencyId).filter((a) => a !== principal.agencyId);
    await recordAudit(trx, {
      action: 'disclose',
      objectType: 'case',
      objectId: c.id,
      recipients: others,
      details: { change: 'message', message: message.id, handlingCode: content.handlingCode, answered: answers },
    });
    await notifyParticipants(trx, { caseId: c.id, reference: c.reference, urgency: c.urgency, kind: 'new_message', toAgencyIds: others, at, exceptUserId: principal.userId });
    return { ...message, permissions: [] };
  });
}
