/** Use case: the office's statistics of the case exchange (counts per country, crime area and urgency, never content), and their CSV export. */
import { z } from 'zod';
import { answeredInTime, caseStatuses, crimeAreas, isOverdue, urgencies, type CaseStatus } from '../../core/cases.ts';
import { toCsv, type CsvValue } from '../../core/csv.ts';
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';
import { listCasesForStatistics } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';

export const statisticsDimensions = ['originatorCountry', 'recipientCountry', 'crimeArea', 'urgency'] as const;
export type StatisticsDimension = (typeof statisticsDimensions)[number];

/** What is counted for each group; `overdue` is as of the moment the statistics are read. */
export const countNames = ['total', 'answered', 'answeredInTime', 'overdue', 'closed', 'refused'] as const;
export type CaseCounts = Record<(typeof countNames)[number], number>;

export type StatisticsRow = { key: string; counts: CaseCounts };

export type CaseStatistics = {
  /** The period, both days included (cases opened on them). */
  from: string;
  to: string;
  /** When the overdue counts were taken. */
  at: string;
  all: CaseCounts;
  groups: Record<StatisticsDimension, StatisticsRow[]>;
};

const day = z.iso.date();
const periodSchema = z.object({ from: day, to: day }).refine((p) => p.from <= p.to, { path: ['to'], message: 'cases.stats.error.order' });

/** The longest period read at once: ten years are enough for any report and keep one reading bounded. */
const MAX_DAYS = 3660;
const DAY_MS = 86_400_000;

/** The default period: the twelve months up to today. */
export function defaultStatisticsPeriod(now: Date): { from: string; to: string } {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: from.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

const zero = (): CaseCounts => ({ total: 0, answered: 0, answeredInTime: 0, overdue: 0, closed: 0, refused: 0 });

const statusOf = (s: string): CaseStatus => {
  const known = caseStatuses.find((x) => x === s);
  if (!known) throw new Error(`unknown case status ${s}`);
  return known;
};

type Tally = { add(key: string, c: CaseFacts): void; rows(order?: readonly string[]): StatisticsRow[] };

type CaseFacts = { status: CaseStatus; deadlineAt: string; answeredAt: string | null };

function count(into: CaseCounts, c: CaseFacts, now: Date): void {
  into.total += 1;
  if (c.answeredAt !== null) into.answered += 1;
  if (answeredInTime(c) === true) into.answeredInTime += 1;
  if (isOverdue(c, now)) into.overdue += 1;
  if (c.status === 'closed') into.closed += 1;
  if (c.status === 'refused') into.refused += 1;
}

function tally(now: Date): Tally {
  const groups = new Map<string, CaseCounts>();
  return {
    add(key, c) {
      const counts = groups.get(key) ?? zero();
      count(counts, c, now);
      groups.set(key, counts);
    },
    // A fixed order (crime areas, urgencies) lists every value, so a zero is shown rather than left out.
    rows(order) {
      const keys = order ?? [...groups.keys()].sort();
      return keys.map((key) => ({ key, counts: groups.get(key) ?? zero() }));
    },
  };
}

/**
 * Counts the cases opened in the period, per originator country, per recipient country (a case addressed to two
 * countries counts once in each), per crime area and per urgency. The office reads them; the reading is audited.
 */
export async function caseStatistics(db: Db, principal: Principal | undefined, period: { from: string; to: string }, now: Date): Promise<CaseStatistics> {
  assertCan(principal, 'cases.statistics');
  const parsed = periodSchema.safeParse(period);
  if (!parsed.success)
    throw new AppError('validation_failed', 'cases.stats.error.period', {}, parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'from', message: i.message })));
  const { from, to } = parsed.data;
  const start = `${from}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString();
  if ((Date.parse(end) - Date.parse(start)) / DAY_MS > MAX_DAYS)
    throw new AppError('validation_failed', 'cases.stats.error.too_long', { max: MAX_DAYS }, [{ field: 'from', message: 'cases.stats.error.too_long' }]);
  return inTransaction(db, async (trx) => {
    const [rows, agencies] = await Promise.all([listCasesForStatistics(trx, start, end), listAgencies(trx)]);
    const countryOf = new Map(agencies.map((a) => [a.id, a.country]));
    const all = zero();
    const byOriginator = tally(now);
    const byRecipient = tally(now);
    const byArea = tally(now);
    const byUrgency = tally(now);
    for (const r of rows) {
      const c: CaseFacts = { status: statusOf(r.status), deadlineAt: r.deadlineAt, answeredAt: r.answeredAt };
      count(all, c, now);
      byOriginator.add(countryOf.get(r.originatorAgencyId) ?? '', c);
      for (const country of new Set(r.recipients.map((id) => countryOf.get(id) ?? ''))) byRecipient.add(country, c);
      byArea.add(r.crimeArea, c);
      byUrgency.add(r.urgency, c);
    }
    await recordAudit(trx, { action: 'consult', objectType: 'case_statistics', objectId: null, purpose: 'statistics', details: { from, to, cases: rows.length } });
    return {
      from,
      to,
      at: nowIso(now),
      all,
      groups: {
        originatorCountry: byOriginator.rows(),
        recipientCountry: byRecipient.rows(),
        crimeArea: byArea.rows(crimeAreas),
        urgency: byUrgency.rows(urgencies),
      },
    };
  });
}

const csvHeader = ['dimension', 'value', 'total', 'answered', 'answered_in_time', 'overdue', 'closed', 'refused'];

const countCells = (c: CaseCounts): CsvValue[] => countNames.map((n) => c[n]);

/** The statistics as CSV: one line per group of each dimension, after a line for all the period's cases; codes, not labels, so the file reads the same in every language. */
export function caseStatisticsCsv(stats: CaseStatistics): string {
  return toCsv([
    csvHeader,
    ['all', `${stats.from}/${stats.to}`, ...countCells(stats.all)],
    ...statisticsDimensions.flatMap((d) => stats.groups[d].map((r): CsvValue[] => [d, r.key, ...countCells(r.counts)])),
  ]);
}
