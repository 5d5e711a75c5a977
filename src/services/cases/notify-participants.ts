/**
 * Notifies the officers of the agencies a case concerns (and, for a case addressed to the office, its liaison
 * officers): a notification in the portal, and an e-mail in the outbox. The e-mail names the case's reference and
 * urgency only, never its content: mail leaves the platform, and what a case says stays inside it.
 */
import type { Transaction } from 'kysely';
import type { Urgency } from '../../core/cases.ts';
import { newId } from '../../core/ids.ts';
import type { Database } from '../../storage/schema.ts';
import { getAgency, listUsers } from '../../storage/repositories/accounts.ts';
import { enqueueEmails, insertNotifications, type Notification } from '../../storage/repositories/notifications.ts';

export type CaseNews = {
  caseId: string;
  reference: string;
  urgency: Urgency;
  kind: Notification['kind'];
  toAgencyIds: readonly string[];
  at: string;
  /** Nobody is told of their own step. */
  exceptUserId?: string;
};

const subjects: Record<Notification['kind'], (ref: string, urgency: Urgency) => string> = {
  new_case: (ref, urgency) => `${urgency === 'urgent' ? 'URGENT: ' : ''}new case ${ref}`,
  new_message: (ref) => `New message in case ${ref}`,
  overdue: (ref) => `Case ${ref} is overdue`,
};

export async function notifyParticipants(trx: Transaction<Database>, news: CaseNews): Promise<number> {
  const rows: Notification[] = [];
  const emails: { id: string; to: string; subject: string; body: string }[] = [];
  for (const agencyId of new Set(news.toAgencyIds)) {
    // In the office, cases are the liaison officers' work; its other officers could not open them.
    const office = (await getAgency(trx, agencyId))?.isOffice === true;
    for (const user of await listUsers(trx, agencyId)) {
      if (user.disabledAt || user.id === news.exceptUserId) continue;
      if (office ? !user.roles.includes('liaison') : !user.roles.includes('officer') && !user.roles.includes('liaison')) continue;
      rows.push({ id: newId(Date.parse(news.at)), userId: user.id, caseId: news.caseId, kind: news.kind, createdAt: news.at, readAt: null });
      const subject = subjects[news.kind](news.reference, news.urgency);
      emails.push({
        id: newId(Date.parse(news.at)),
        to: user.email,
        subject,
        body: `${subject}.\n\nSign in to the law-enforcement portal to read it. This message holds no case data on purpose.\n`,
      });
    }
  }
  await insertNotifications(trx, rows);
  await enqueueEmails(trx, emails, news.at);
  return rows.length;
}
