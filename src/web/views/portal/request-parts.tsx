/** Pieces of the portal's notice-request pages: the status badge, the facts as a summary, the history, what changed and the possible duplicates. */
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { checklistItems, type FactChange, type RequestEvent, type RequestFacts, type RequestStatus } from '../../../core/notice-requests.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { countryList, crimeLabel, eyeLabel, hairLabel, kindLabel, sexLabel } from '../notices/labels.ts';
import { StatusBadge, type BadgeTone } from './parts/badge.tsx';
import { DataTable } from './parts/data-table.tsx';
import { SummaryList } from './parts/summary-list.tsx';
import { Timeline } from './parts/timeline.tsx';

/** Circulating states read as active, states waiting on the office as information, on the agency as a warning. */
const tones: Record<RequestStatus, BadgeTone> = {
  draft: 'inactive',
  submitted: 'info',
  changes_requested: 'warning',
  refused: 'danger',
  published: 'active',
  update_draft: 'active',
  update_submitted: 'info',
  update_changes_requested: 'warning',
  renewal_submitted: 'info',
  withdrawn: 'danger',
  expired: 'inactive',
};

export function RequestStatusBadge(props: { tr: Translator; status: RequestStatus }) {
  return <StatusBadge tone={tones[props.status]} text={props.tr.t(`requests.status.${props.status}`)} />;
}

export const requestName = (f: Pick<RequestFacts, 'forename' | 'familyName'>): string => `${f.forename} ${f.familyName}`.trim();

const dash = '—';
const orDash = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? dash : v);

/** A list of parts of a fact (warrants, documents, aliases), each item its own line. */
function Items(props: { items: Child[] }) {
  if (props.items.length === 0) return <>{dash}</>;
  return (
    <ul class="fact-items">
      {props.items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  );
}

/** A group of labelled values inside one fact (a warrant's date and authority). */
function Pairs(props: { pairs: [string, string][] }) {
  return (
    <dl class="details">
      {props.pairs.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every fact of a request as label and value, in the order of the form, parts a kind does not use left out. */
export function FactsSummary(props: { tr: Translator; facts: RequestFacts }) {
  const { tr, facts: f } = props;
  const t = tr.t;
  const label = (field: string) => t(`requests.field.${field}`);
  const date = (d: string | null) => (d ? tr.partialDate(d) : dash);
  const countries = (codes: readonly string[]) => (codes.length ? countryList(tr, codes) : dash);
  const country = (code: string | null) => (code ? tr.country(code) : dash);
  const rows: [string, Child][] = [
    [label('kind'), kindLabel(tr, f.kind)],
    [label('nationalReference'), orDash(f.nationalReference)],
    [label('familyName'), orDash(f.familyName)],
    [label('forename'), orDash(f.forename)],
    [label('nameOriginal'), orDash(f.nameOriginal)],
    [label('aliases'), <Items items={f.aliases.map((a) => `${a.forename} ${a.familyName}`.trim())} />],
    [label('birthName'), orDash(f.birthName)],
    [label('sex'), sexLabel(tr, f.sex)],
    [label('dateOfBirth'), date(f.dateOfBirth)],
    [label('placeOfBirth'), orDash(f.placeOfBirth)],
    [label('countryOfBirth'), country(f.countryOfBirth)],
    [label('nationalities'), countries(f.nationalities)],
    [label('languages'), f.languages.length ? f.languages.map((l) => tr.language(l.toLowerCase())).join(', ') : dash],
    [label('fatherName'), orDash(`${f.fatherForename ?? ''} ${f.fatherName ?? ''}`.trim())],
    [label('motherName'), orDash(`${f.motherForename ?? ''} ${f.motherName ?? ''}`.trim())],
    [label('heightM'), f.heightM === null ? dash : tr.number(f.heightM, { style: 'unit', unit: 'meter', maximumFractionDigits: 2 })],
    [label('weightKg'), f.weightKg === null ? dash : tr.number(f.weightKg, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 0 })],
    [label('eyeColors'), f.eyeColors.length ? f.eyeColors.map((c) => eyeLabel(tr, c)).join(', ') : dash],
    [label('hairColors'), f.hairColors.length ? f.hairColors.map((c) => hairLabel(tr, c)).join(', ') : dash],
    [label('distinguishingMarks'), orDash(f.distinguishingMarks)],
    [
      label('documents'),
      <Items items={f.documents.map((d) => `${t(`requests.document.${d.kind}`)} ${d.number}${d.country ? ` (${tr.country(d.country)})` : ''}`)} />,
    ],
  ];
  if (f.kind === 'wanted') {
    rows.push([
      label('warrants'),
      <Items
        items={f.warrants.map((w) => (
          <>
            <p class="fact-lead">
              {orDash(w.charge)}
              {w.chargeTranslation ? <span lang="en"> ({w.chargeTranslation})</span> : null}
            </p>
            <Pairs
              pairs={[
                [label('issuingCountry'), tr.country(w.issuingCountry)],
                [label('crimeCategory'), w.crimeCategory ? crimeLabel(tr, w.crimeCategory) : dash],
                [label('legalReference'), orDash(w.legalReference)],
                [label('warrantDate'), date(w.warrantDate)],
                [label('warrantAuthority'), orDash(w.warrantAuthority)],
              ]}
            />
          </>
        ))}
      />,
    ]);
    rows.push([label('armedOrDangerous'), f.armedOrDangerous ? t('requests.view.yes') : t('requests.view.no')]);
  } else {
    const d = f.disappearance;
    rows.push([
      label('disappearance'),
      d ? (
        <Pairs
          pairs={[
            [label('date'), date(d.date)],
            [label('place'), orDash(d.place)],
            [label('country'), country(d.country)],
            [label('circumstances'), orDash(d.circumstances)],
            [label('countriesLikelyToBeVisited'), countries(d.countriesLikelyToBeVisited)],
          ]}
        />
      ) : (
        dash
      ),
    ]);
  }
  const extract = f.publicExtract;
  rows.push([
    label('publicExtract'),
    extract.consent ? (
      <>
        <p class="fact-lead">{t('requests.view.extract_consented')}</p>
        <Items items={extract.fields.map((field) => t(`requests.public_field.${field}`))} />
      </>
    ) : (
      t('requests.view.extract_refused')
    ),
  ]);
  return <SummaryList rows={rows} />;
}

/** What a step recorded beyond its action: the reviewer's checklist, a withdrawal reason, the duplicates found. */
const eventDetails = z.object({
  checklist: z.record(z.string(), z.boolean()).optional(),
  reason: z.string().optional(),
  duplicates: z.array(z.unknown()).optional(),
});

function EventBody(props: { tr: Translator; event: RequestEvent }) {
  const { tr, event: e } = props;
  const t = tr.t;
  const parsed = eventDetails.safeParse(e.details);
  const d = parsed.success ? parsed.data : {};
  const parts: Child[] = [];
  if (e.comment) parts.push(<blockquote class="event-comment">{e.comment}</blockquote>);
  if (d.reason && tr.knows(`requests.withdrawal.${d.reason}`)) parts.push(<p>{t('requests.view.reason', { reason: t(`requests.withdrawal.${d.reason}`) })}</p>);
  if (d.checklist) {
    const checklist = d.checklist;
    parts.push(
      <ul class="event-checklist">
        {checklistItems
          .filter((item) => item in checklist)
          .map((item) => (
            <li>{t(checklist[item] ? 'requests.view.checked' : 'requests.view.unchecked', { item: t(`requests.checklist.${item}`) })}</li>
          ))}
      </ul>,
    );
  }
  if (e.action === 'submit' && d.duplicates) parts.push(<p>{t('requests.view.duplicates_found', { count: d.duplicates.length })}</p>);
  return parts.length ? <>{parts}</> : null;
}

/** The whole history, oldest first: who took each step, when, and what they said. */
export function RequestHistory(props: { tr: Translator; events: readonly RequestEvent[]; people: Record<string, string> }) {
  const { tr, people } = props;
  const t = tr.t;
  return (
    <Timeline
      tr={tr}
      label={t('requests.view.history')}
      events={props.events.map((e) => ({
        at: e.at,
        title: t(`requests.action.${e.action}`),
        actor: e.actorUserId ? (people[e.actorUserId] ?? t('requests.view.someone')) : t('requests.view.system'),
        body: <EventBody tr={tr} event={e} />,
      }))}
    />
  );
}

/** The fields a version changed, each with its value before and after (lists shown as recorded). */
export function VersionChanges(props: { tr: Translator; changes: readonly FactChange[]; caption: string }) {
  const t = props.tr.t;
  const fieldLabel = (field: string) => (props.tr.knows(`requests.field.${field}`) ? t(`requests.field.${field}`) : field);
  return (
    <DataTable
      caption={props.caption}
      rows={[...props.changes]}
      columns={[
        { label: t('requests.view.col.field'), cell: (ch) => fieldLabel(ch.field) },
        { label: t('requests.view.col.before'), cell: (ch) => <span class="change-value">{orDash(ch.before)}</span> },
        { label: t('requests.view.col.after'), cell: (ch) => <span class="change-value">{orDash(ch.after)}</span> },
      ]}
    />
  );
}

/**
 * A candidate as recorded with the submission. Only the reference and score are sure to be there; the name, the
 * match and the explanation are shown when the submission recorded them too.
 */
const recordedDuplicate = z.object({
  requestId: z.string().nullable().default(null),
  reference: z.string().nullable().default(null),
  score: z.number(),
  familyName: z.string().optional(),
  forename: z.string().optional(),
  match: z.boolean().optional(),
  explanation: z.string().optional(),
});
export type RecordedDuplicate = z.output<typeof recordedDuplicate>;

/** The possible duplicates found at the latest submission, from that step's record (none before a first submission). */
export function duplicatesOf(events: readonly RequestEvent[]): RecordedDuplicate[] {
  const latest = events.filter((e) => e.action === 'submit').at(-1);
  const parsed = z.object({ duplicates: z.array(z.unknown()).default([]) }).safeParse(latest?.details ?? {});
  if (!parsed.success) return [];
  return parsed.data.duplicates.flatMap((d) => {
    const one = recordedDuplicate.safeParse(d);
    return one.success ? [one.data] : [];
  });
}

export function DuplicateList(props: { tr: Translator; duplicates: readonly RecordedDuplicate[]; linkOf: (requestId: string) => string; caption: string }) {
  const { tr } = props;
  const t = tr.t;
  return (
    <DataTable
      caption={props.caption}
      rows={[...props.duplicates]}
      columns={[
        {
          label: t('requests.view.col.candidate'),
          cell: (d) => {
            const name = `${d.forename ?? ''} ${d.familyName ?? ''}`.trim() || d.reference || t('requests.view.unpublished_request');
            return d.requestId ? <a href={props.linkOf(d.requestId)}>{name}</a> : name;
          },
        },
        { label: t('requests.view.col.reference'), cell: (d) => orDash(d.reference) },
        { label: t('requests.view.col.score'), numeric: true, cell: (d) => tr.number(d.score, { style: 'percent', maximumFractionDigits: 0 }) },
        ...(props.duplicates.some((d) => d.match !== undefined)
          ? [
              {
                label: t('requests.view.col.match'),
                cell: (d: RecordedDuplicate) =>
                  d.match === undefined ? dash : <StatusBadge tone={d.match ? 'warning' : 'inactive'} text={t(d.match ? 'requests.view.likely_match' : 'requests.view.near_miss')} />,
              },
            ]
          : []),
        ...(props.duplicates.some((d) => d.explanation !== undefined) ? [{ label: t('requests.view.col.explanation'), cell: (d: RecordedDuplicate) => orDash(d.explanation) }] : []),
      ]}
    />
  );
}

/** Whole days and remaining hours of a wait, for "waiting 3 days 4 hours". */
export function waitingSplit(ms: number): { days: number; hours: number } {
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}

export function waitingText(tr: Translator, ms: number): string {
  const { days, hours } = waitingSplit(ms);
  if (days > 0) return tr.t('requests.queue.waiting_days', { days, hours });
  if (hours > 0) return tr.t('requests.queue.waiting_hours', { hours });
  return tr.t('requests.queue.waiting_less');
}

/**
 * The message of a refused purpose (a catalog key of `requirePurpose`), or undefined for any other refusal; the page
 * then asks for the purpose again rather than showing an error page.
 */
export function purposeRefusal(tr: Translator, err: unknown): string | undefined {
  if (!(err instanceof AppError) || err.code !== 'validation_failed' || !err.issues.some((i) => i.field === 'purpose')) return undefined;
  return tr.knows(err.key) ? tr.t(err.key, err.values) : err.key;
}
