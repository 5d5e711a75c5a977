/** The office's statistics of the case exchange: counts per country, crime area and urgency for a period, and their CSV download. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import {
  caseStatistics,
  caseStatisticsCsv,
  countNames,
  defaultStatisticsPeriod,
  statisticsDimensions,
  type CaseCounts,
  type CaseStatistics,
  type StatisticsDimension,
  type StatisticsRow,
} from '../../services/cases/case-statistics.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { DataTable, type Column } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { renderPortal } from './render.tsx';

const PATH = '/portal/case-statistics';

/** Dates as typed; the use case checks them (order, length of the period), so a refused period comes back as written. */
const querySchema = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() });

/** An empty field means the default period's end. */
const periodQuery = z.preprocess((v) => Object.fromEntries(Object.entries(v as Record<string, string>).filter(([, x]) => x !== '')), querySchema);

type Period = { from: string; to: string };

type StatisticsPage = { values: Period; stats: CaseStatistics | undefined; problems: FieldIssue[] };

const inputIds: Partial<Record<string, string>> = { from: 'st-from', to: 'st-to' };

const periodOf = (q: z.output<typeof querySchema>, now: Date): Period => {
  const fallback = defaultStatisticsPeriod(now);
  return { from: q.from ?? fallback.from, to: q.to ?? fallback.to };
};

/** The refusal of a period as messages per field, in the reader's language. */
function periodProblems(tr: Translator, err: AppError): FieldIssue[] {
  const general = tr.t(err.key, err.values);
  const issues = err.issues.length > 0 ? err.issues : [{ field: 'from', message: err.key }];
  return issues.map((i) => ({ field: i.field, message: i.message.startsWith('cases.stats.') ? tr.t(i.message, err.values) : general }));
}

const groupLabel = (tr: Translator, dimension: StatisticsDimension, key: string): string => {
  if (key === '') return tr.t('cases.stats.unknown');
  if (dimension === 'crimeArea') return tr.t(`cases.crime_area.${key}`);
  if (dimension === 'urgency') return tr.t(`cases.urgency.${key}`);
  return `${tr.country(key)} (${key})`;
};

const countLabels: Record<keyof CaseCounts, string> = {
  total: 'cases.stats.col.total',
  answered: 'cases.stats.col.answered',
  answeredInTime: 'cases.stats.col.answered_in_time',
  overdue: 'cases.stats.col.overdue',
  closed: 'cases.stats.col.closed',
  refused: 'cases.stats.col.refused',
};

function countColumns(tr: Translator): Column<StatisticsRow>[] {
  return countNames.map((name) => ({ label: tr.t(countLabels[name]), numeric: true, cell: (r: StatisticsRow) => tr.number(r.counts[name]) }));
}

function PeriodForm(props: { c: Context<AppEnv>; values: Period; problems: FieldIssue[] }) {
  const { c, values, problems } = props;
  const t = c.get('tr').t;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <form method="get" action={portalPath(c, '/case-statistics')} class="filters">
      <fieldset>
        <legend>{t('cases.stats.period_legend')}</legend>
        <TextField id="st-from" label={t('cases.stats.from')} error={errorOf('from')} input={{ name: 'from', type: 'date', value: values.from, required: true }} />
        <TextField id="st-to" label={t('cases.stats.to')} error={errorOf('to')} input={{ name: 'to', type: 'date', value: values.to, required: true }} />
      </fieldset>
      <button type="submit">{t('cases.stats.show')}</button>
    </form>
  );
}

function Tables(props: { c: Context<AppEnv>; stats: CaseStatistics }) {
  const { c, stats } = props;
  const tr = c.get('tr');
  const t = tr.t;
  const csv = `${portalPath(c, '/case-statistics.csv')}?${new URLSearchParams({ from: stats.from, to: stats.to }).toString()}`;
  return (
    <>
      <p role="status">
        {t('cases.stats.period', { from: tr.date(stats.from, 'medium'), to: tr.date(stats.to, 'medium'), count: stats.all.total })} {t('cases.stats.overdue_at')}{' '}
        <When tr={tr} iso={stats.at} />.
      </p>
      <p>
        <a href={csv} download>
          {t('cases.stats.export')}
        </a>
      </p>
      {stats.all.total === 0 ? (
        <EmptyState title={t('cases.stats.none_title')}>
          <p>{t('cases.stats.none_text')}</p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption={t('cases.stats.dimension.all')} rows={[{ key: 'all', counts: stats.all }]} columns={[{ label: t('cases.stats.col.group'), cell: () => t('cases.stats.all') }, ...countColumns(tr)]} />
          {statisticsDimensions.map((d) => (
            <section aria-labelledby={`st-${d}`} class="part">
              <h2 id={`st-${d}`}>{t(`cases.stats.dimension.${d}`)}</h2>
              {d === 'recipientCountry' ? <p class="hint">{t('cases.stats.recipient_note')}</p> : null}
              <DataTable
                caption={t(`cases.stats.dimension.${d}`)}
                captionHidden
                rows={stats.groups[d]}
                columns={[{ label: t(`cases.stats.col.${d}`), cell: (r) => groupLabel(tr, d, r.key) }, ...countColumns(tr)]}
              />
            </section>
          ))}
        </>
      )}
    </>
  );
}

function statisticsPage(c: Context<AppEnv>, page: StatisticsPage): Promise<Response> {
  const t = c.get('tr').t;
  const { values, stats, problems } = page;
  return renderPortal(
    c,
    t('cases.stats.title'),
    <>
      <PageHeader title={t('cases.stats.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('cases.stats.lead')} />
      <ErrorSummary title={t('portal.form.problem')} messages={problems.map((p) => ({ field: inputIds[p.field], text: p.message }))} />
      <PeriodForm c={c} values={values} problems={problems} />
      {stats ? <Tables c={c} stats={stats} /> : null}
    </>,
    { status: problems.length > 0 ? 400 : 200 },
  );
}

export function registerCaseStatisticsPages(routes: Routes): void {
  // Counts only, yet still a reading of the exchange: the use case records it in the audit trail.
  routes.portalPage(PATH, {
    authorise: 'cases.statistics',
    audit: 'use-case',
    input: { query: periodQuery },
    run: async ({ db, principal, input: { query: q }, meta, tr }): Promise<StatisticsPage> => {
      const values = periodOf(q, meta.now);
      try {
        return { values, stats: await caseStatistics(db, principal, values, meta.now), problems: [] };
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
        return { values, stats: undefined, problems: periodProblems(tr, err) };
      }
    },
    render: statisticsPage,
  });

  routes.portalPage(`${PATH}.csv`, {
    authorise: 'cases.statistics',
    transaction: 'request',
    audit: 'required',
    input: { query: periodQuery },
    run: ({ db, principal, input: { query: q }, meta }) => caseStatistics(db, principal, periodOf(q, meta.now), meta.now),
    render: (c, stats) => {
      c.header('Content-Disposition', `attachment; filename="case-statistics-${stats.from}-${stats.to}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(caseStatisticsCsv(stats), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  });
}
