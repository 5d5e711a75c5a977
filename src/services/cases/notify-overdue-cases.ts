/**
 * Use case: the clock tells recipients, and the office, of every open case whose deadline has passed, once per case:
 * the case is marked in the same transaction, so instances running the clock together tell each case once.
 */
import { nowIso } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { getCasesByIds, listOverdueCaseIds, markOverdueNotified } from '../../storage/repositories/cases.ts';
import { inTransaction } from '../transaction.ts';
import { notifyParticipants } from './notify-participants.ts';

const BATCH = 500;

export async function notifyOverdueCases(db: Db, now: Date): Promise<number> {
  const office = (await listAgencies(db)).filter((a) => a.isOffice && !a.disabledAt).map((a) => a.id);
  let told = 0;
  for (;;) {
    const ids = await listOverdueCaseIds(db, nowIso(now), BATCH);
    if (ids.length === 0) return told;
    for (const c of await getCasesByIds(db, ids)) {
      const recipients = c.participants.filter((p) => p.role !== 'originator').map((p) => p.agencyId);
      told += await inTransaction(db, async (trx) => {
        if (!(await markOverdueNotified(trx, c.id, nowIso(now)))) return 0;
        return notifyParticipants(trx, { caseId: c.id, reference: c.reference, urgency: c.urgency, kind: 'overdue', toAgencyIds: [...recipients, ...office], at: nowIso(now) });
      });
    }
  }
}
