/** The table of an agency's cases: each case's other side, urgency, deadline clock, status and receipt, overdue rows marked in words and by a row class. */
import type { Child } from 'hono/jsx';
import type { CaseStatus, Urgency } from '../../../core/cases.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { CaseListItem } from '../../../services/cases/list-cases.ts';
import { StatusBadge, type BadgeTone } from './parts/badge.tsx';
import { When } from './parts/time.tsx';

const urgencyTone: Readonly<Record<Urgency, BadgeTone>> = { urgent: 'danger', standard: 'info', non_urgent: 'inactive' };
const statusTone: Readonly<Record<CaseStatus, BadgeTone>> = { open: 'active', answered: 'info', closed: 'inactive', refused: 'warning' };

function UrgencyBadge(props: { tr: Translator; urgency: Urgency }) {
  return <StatusBadge tone={urgencyTone[props.urgency]} text={props.tr.t(`cases.urgency.${props.urgency}`)} />;
}

function CaseStatusBadge(props: { tr: Translator; status: CaseStatus }) {
  return <StatusBadge tone={statusTone[props.status]} text={props.tr.t(`cases.status.${props.status}`)} />;
}

/** A span of time as a deadline clock reads it: minutes under an hour, hours under two days, then days. */
function durationText(tr: Translator, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return tr.t('cases.list.duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tr.t('cases.list.duration.hours', { n: hours });
  return tr.t('cases.list.duration.days', { n: Math.floor(hours / 24) });
}

const received = (i: CaseListItem): boolean => i.role !== 'originator';

/** The deadline with what is left of it while the case waits for an answer; once answered or ended, the date alone. */
function Deadline(props: { tr: Translator; item: CaseListItem; now: Date }) {
  const { tr, item, now } = props;
  const t = tr.t;
  const left = Date.parse(item.deadlineAt) - now.getTime();
  return (
    <>
      <When tr={tr} iso={item.deadlineAt} />
      {item.status === 'open' ? (
        <>
          <br />
          {item.overdue ? (
            <StatusBadge tone="danger" text={t('cases.list.overdue_by', { time: durationText(tr, left) })} />
          ) : (
            <span class="time-left">{t('cases.list.time_left', { time: durationText(tr, left) })}</span>
          )}
        </>
      ) : null}
    </>
  );
}

/** The agency a received case came from; a sent one is the reader's own, said as such. */
function OtherSide(props: { tr: Translator; item: CaseListItem }) {
  const { tr, item } = props;
  if (!received(item)) return <>{tr.t('cases.list.sent_by_you')}</>;
  return (
    <>
      {item.originatorName}
      {item.originatorCountry ? <span class="muted"> ({tr.country(item.originatorCountry)})</span> : null}
    </>
  );
}

/** Whether the reader's agency acknowledged receipt; an agency does not acknowledge what it sent itself. */
function Receipt(props: { tr: Translator; item: CaseListItem }) {
  const { tr, item } = props;
  if (!received(item)) return <>—</>;
  return item.acknowledgedAt ? (
    <>
      {tr.t('cases.list.acknowledged')} <When tr={tr} iso={item.acknowledgedAt} />
    </>
  ) : (
    <StatusBadge tone="warning" text={tr.t('cases.list.not_acknowledged')} />
  );
}

type Column = { label: string; cell: (i: CaseListItem) => Child };

export function CaseListTable(props: { tr: Translator; items: readonly CaseListItem[]; now: Date; caption: string; linkOf: (id: string) => string }) {
  const { tr, now } = props;
  const t = tr.t;
  const columns: Column[] = [
    {
      label: t('cases.list.col.reference'),
      cell: (i) => (
        <a href={props.linkOf(i.id)}>
          <code>{i.reference}</code>
        </a>
      ),
    },
    { label: t('cases.list.col.subject'), cell: (i) => (i.erased ? <em>{t('cases.list.erased')}</em> : i.subject) },
    { label: t('cases.list.col.other_side'), cell: (i) => <OtherSide tr={tr} item={i} /> },
    {
      label: t('cases.list.col.urgency'),
      // Wrapped, so that on a phone's card the badge keeps its own width instead of filling the cell.
      cell: (i) => (
        <span>
          <UrgencyBadge tr={tr} urgency={i.urgency} />
        </span>
      ),
    },
    { label: t('cases.list.col.deadline'), cell: (i) => <Deadline tr={tr} item={i} now={now} /> },
    {
      label: t('cases.list.col.status'),
      cell: (i) => (
        <span>
          <CaseStatusBadge tr={tr} status={i.status} />
        </span>
      ),
    },
    { label: t('cases.list.col.receipt'), cell: (i) => <Receipt tr={tr} item={i} /> },
  ];
  // The shared data table has no per-row class; this one marks overdue rows for the eye, the badge says it in words.
  return (
    <table class="data-table case-list">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((col) => (
            <th scope="col">{col.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr class={i.overdue ? 'case-overdue' : undefined}>
            {columns.map((col) => (
              <td data-label={col.label}>{col.cell(i)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
