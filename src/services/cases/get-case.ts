/**
 * Use case: one case as its participants read it (messages in their thread, attachments, who opened it and when,
 * the cross-check's hits, links), recorded as a consultation with its purpose; opening it records the reader's receipt
 * and reads their notifications of it.
 */
import { forwardBlockers, isOfficeLiaison, isOverdue, participates, type CaseMessage, type Receipt } from '../../core/cases.ts';
import { nowIso } from '../../core/ids.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser } from '../../storage/repositories/accounts.ts';
import { listAttachments, listHits, listMessages, listReceipts, recordReceipt, type CaseAttachment, type CaseHit, type StoredCase } from '../../storage/repositories/cases.ts';
import { markRead } from '../../storage/repositories/notifications.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { purposeOfReading, visibleCase } from './case-steps.ts';

export type CaseView = {
  case: StoredCase;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
  receipts: Receipt[];
  hits: CaseHit[];
  /** Names of the agencies and people the case mentions, by id. */
  agencies: Record<string, { name: string; country: string; code: string }>;
  people: Record<string, string>;
  overdue: boolean;
  /** The steps open to the reader. */
  may: { reply: boolean; acknowledge: boolean; forward: boolean; close: boolean; refuse: boolean; grant: boolean };
  /** Messages that stop a forward (H2 without the originator's permission), whatever the target. */
  h2Messages: string[];
  purpose: string;
};

export async function getCaseView(db: Db, principal: Principal, id: string, purposeAsked: unknown, now: Date): Promise<CaseView> {
  assertCan(principal, 'cases.read');
  return inTransaction(db, async (trx) => {
    const c = await visibleCase(trx, principal, id);
    const purpose = purposeOfReading(principal, c, purposeAsked);
    const at = nowIso(now);
    const mine = participates(principal, c);
    if (mine) await recordReceipt(trx, { caseId: c.id, userId: principal.userId, agencyId: principal.agencyId, openedAt: at });
    // Opening the case reads its notifications, the office liaison's of an overdue case it routes included.
    await markRead(trx, principal.userId, at, c.id);
    const [messages, attachments, receipts, hits] = await Promise.all([listMessages(trx, id), listAttachments(trx, id), listReceipts(trx, id), listHits(trx, id)]);
    const agencies: CaseView['agencies'] = {};
    for (const agencyId of new Set([...c.participants.map((p) => p.agencyId), ...messages.map((m) => m.authorAgencyId)])) {
      const a = await getAgency(trx, agencyId);
      if (a) agencies[agencyId] = { name: a.name, country: a.country, code: a.code };
    }
    const people: Record<string, string> = {};
    const named = [
      ...messages.flatMap((m) => [m.authorUserId, ...m.permissions.map((p) => p.grantedBy)]),
      ...receipts.map((r) => r.userId),
      ...c.participants.flatMap((p) => [p.addedBy, p.acknowledgedBy].filter((u): u is string => u !== null)),
    ];
    for (const userId of new Set(named)) {
      const u = await getUser(trx, userId);
      if (u) people[userId] = u.name;
    }
    await recordAudit(trx, { action: 'consult', purpose, objectType: 'case', objectId: c.id, details: { reference: c.reference, messages: messages.length } });
    const own = c.participants.find((p) => p.agencyId === principal.agencyId);
    const live = c.status === 'open' || c.status === 'answered';
    const originator = principal.agencyId === c.originatorAgencyId;
    const exchanges = principal.roles.includes('officer') || principal.roles.includes('liaison');
    return {
      case: c,
      messages,
      attachments,
      receipts,
      hits,
      agencies,
      people,
      overdue: isOverdue(c, now),
      may: {
        reply: mine && live && exchanges && !principal.readOnly,
        acknowledge: mine && !originator && own !== undefined && own.acknowledgedAt === null && exchanges && !principal.readOnly,
        forward: isOfficeLiaison(principal) && live && !principal.readOnly,
        close: mine && originator && live && exchanges && !principal.readOnly,
        refuse: mine && !originator && c.status === 'open' && exchanges && !principal.readOnly,
        grant: mine && exchanges && !principal.readOnly && messages.some((m) => m.authorAgencyId === principal.agencyId && (m.handlingCode === 'H1' || m.handlingCode === 'H2')),
      },
      h2Messages: forwardBlockers(messages, '').map((m) => m.id),
      purpose,
    };
  });
}
