/** The parts of a case as its readers see it: overview with its deadline, participants, receipts, cross-check hits, links and the thread of messages with their handling codes. */
import type { Child } from 'hono/jsx';
import { answeredInTime, handlingNotice, type CaseMessage, type CaseStatus, type Urgency } from '../../../core/cases.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { CaseView } from '../../../services/cases/get-case.ts';
import { StatusBadge, type BadgeTone } from './parts/badge.tsx';
import { DataTable } from './parts/data-table.tsx';
import { SummaryList } from './parts/summary-list.tsx';
import { When } from './parts/time.tsx';

/** Where the parts link to: the page builds the paths (language prefix, purpose passed on). */
export type CaseLinks = {
  attachment: (attachmentId: string, size: 'large' | 'thumb') => string;
  request: (requestId: string) => string;
  case: (caseId: string) => string;
};

const urgencyTones: Record<Urgency, BadgeTone> = { urgent: 'danger', standard: 'info', non_urgent: 'inactive' };
const statusTones: Record<CaseStatus, BadgeTone> = { open: 'warning', answered: 'active', closed: 'inactive', refused: 'danger' };

export function UrgencyBadge(props: { tr: Translator; urgency: Urgency }) {
  return <StatusBadge tone={urgencyTones[props.urgency]} text={props.tr.t(`cases.urgency.${props.urgency}`)} />;
}

function CaseStatusBadge(props: { tr: Translator; status: CaseStatus }) {
  return <StatusBadge tone={statusTones[props.status]} text={props.tr.t(`cases.status.${props.status}`)} />;
}

/** A span of time in the largest two units that matter for an 8-hour to 7-day deadline. */
function spanText(tr: Translator, ms: number, which: 'left' | 'overdue'): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return tr.t(`cases.view.${which}_days`, { days, hours });
  if (hours > 0) return tr.t(`cases.view.${which}_hours`, { hours, minutes: minutes % 60 });
  return tr.t(`cases.view.${which}_minutes`, { minutes });
}

export const agencyLabel = (view: Pick<CaseView, 'agencies'>, agencyId: string, tr: Translator): string => {
  const a = view.agencies[agencyId];
  return a ? `${a.name} (${a.code})` : tr.t('cases.view.unknown_agency');
};

export const personLabel = (view: Pick<CaseView, 'people'>, userId: string | null, tr: Translator): string =>
  (userId ? view.people[userId] : undefined) ?? tr.t('cases.view.someone');

/** The deadline as a reader needs it: the time, and what is left, how late it is, or how the answer came. */
function DeadlineText(props: { tr: Translator; view: CaseView; now: Date }) {
  const { tr, view, now } = props;
  const c = view.case;
  const rest = Date.parse(c.deadlineAt) - now.getTime();
  const inTime = answeredInTime(c);
  const status =
    c.answeredAt !== null
      ? tr.t(inTime ? 'cases.view.answered_in_time' : 'cases.view.answered_late')
      : c.status !== 'open'
        ? tr.t(`cases.status.${c.status}`)
        : view.overdue
          ? tr.t('cases.view.overdue_by', { span: spanText(tr, -rest, 'overdue') })
          : spanText(tr, rest, 'left');
  return (
    <>
      <When tr={tr} iso={c.deadlineAt} /> <span class={view.overdue ? 'deadline-state overdue' : 'deadline-state'}>({status})</span>
    </>
  );
}

export function CaseOverview(props: { tr: Translator; view: CaseView; now: Date }) {
  const { tr, view, now } = props;
  const t = tr.t;
  const c = view.case;
  const rows: [string, Child][] = [
    [t('cases.field.reference'), c.reference],
    [t('cases.field.kind'), t(`cases.kind.${c.kind}`)],
    [t('cases.field.status'), <CaseStatusBadge tr={tr} status={c.status} />],
    [t('cases.field.urgency'), <UrgencyBadge tr={tr} urgency={c.urgency} />],
    [t('cases.field.deadline'), <DeadlineText tr={tr} view={view} now={now} />],
    [t('cases.field.crimeArea'), t(`cases.crime_area.${c.crimeArea}`)],
    [t('cases.field.nationalReference'), c.nationalReference],
    [t('cases.view.originator'), agencyLabel(view, c.originatorAgencyId, tr)],
    [t('cases.field.openedAt'), <When tr={tr} iso={c.openedAt} />],
  ];
  if (c.answeredAt) rows.push([t('cases.view.answered_at'), <When tr={tr} iso={c.answeredAt} />]);
  if (c.closedAt) rows.push([t(c.status === 'refused' ? 'cases.view.refused_at' : 'cases.view.closed_at'), <When tr={tr} iso={c.closedAt} />]);
  if (c.refusalReason) rows.push([t('cases.view.refusal_reason'), <span class="pre-wrap">{c.refusalReason}</span>]);
  if (c.reviewAt) rows.push([t('cases.view.review_at'), tr.date(c.reviewAt, 'long')]);
  if (c.retentionNote) rows.push([t('cases.view.retention_note'), c.retentionNote]);
  return <SummaryList rows={rows} />;
}

export function Participants(props: { tr: Translator; view: CaseView }) {
  const { tr, view } = props;
  const t = tr.t;
  return (
    <section class="part" aria-labelledby="c-participants">
      <h2 id="c-participants">{t('cases.view.participants')}</h2>
      <DataTable
        caption={t('cases.view.participants_caption')}
        captionHidden
        rows={view.case.participants}
        columns={[
          { label: t('cases.view.col.agency'), cell: (p) => agencyLabel(view, p.agencyId, tr) },
          { label: t('cases.field.country'), cell: (p) => (view.agencies[p.agencyId] ? tr.country(view.agencies[p.agencyId]!.country) : '—') },
          { label: t('cases.view.col.role'), cell: (p) => t(`cases.view.role.${p.role}`) },
          {
            label: t('cases.view.col.acknowledged'),
            cell: (p) =>
              p.role === 'originator' ? (
                t('cases.view.not_applicable')
              ) : p.acknowledgedAt ? (
                <>
                  {t('cases.view.acknowledged_by', { person: personLabel(view, p.acknowledgedBy, tr) })} <When tr={tr} iso={p.acknowledgedAt} />
                </>
              ) : (
                <strong>{t('cases.view.not_yet')}</strong>
              ),
          },
        ]}
      />
    </section>
  );
}

export function Receipts(props: { tr: Translator; view: CaseView }) {
  const { tr, view } = props;
  const t = tr.t;
  return (
    <section class="part" aria-labelledby="c-receipts">
      <h2 id="c-receipts">{t('cases.view.receipts')}</h2>
      {view.receipts.length === 0 ? (
        <p>{t('cases.view.no_receipts')}</p>
      ) : (
        <ul class="case-receipts">
          {view.receipts.map((r) => (
            <li>
              {t('cases.view.receipt', { person: personLabel(view, r.userId, tr), agency: agencyLabel(view, r.agencyId, tr) })} <When tr={tr} iso={r.openedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const entityName = (e: { forename: string; familyName: string }): string => `${e.forename} ${e.familyName}`.trim();

/** Persons, documents and vehicles the case names, as the originator gave them. */
export function Entities(props: { tr: Translator; view: CaseView }) {
  const { tr, view } = props;
  const t = tr.t;
  const entities = view.case.entities;
  if (entities.length === 0) return null;
  return (
    <section class="part" aria-labelledby="c-entities">
      <h2 id="c-entities">{t('cases.field.entities')}</h2>
      <ul class="case-entities">
        {entities.map((e) => (
          <li>
            {e.type === 'person' ? (
              <>
                <strong>{entityName(e)}</strong>
                {e.nameOriginal ? ` (${e.nameOriginal})` : ''}
                {e.dateOfBirth ? ` · ${t('cases.field.dateOfBirth')}: ${e.dateOfBirth}` : ''}
                {e.nationality ? ` · ${t('cases.field.nationality')}: ${tr.country(e.nationality)}` : ''}
              </>
            ) : e.type === 'document' ? (
              <>
                {t('cases.view.entity.document')}: <strong>{e.kind}</strong> {e.number}
                {e.country ? ` (${tr.country(e.country)})` : ''}
              </>
            ) : (
              <>
                {t('cases.view.entity.vehicle')}: <strong>{e.registration}</strong>
                {e.country ? ` (${tr.country(e.country)})` : ''}
                {e.description ? ` · ${e.description}` : ''}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Hit = CaseView['hits'][number];

/** The cross-check: for each person named, the notices found, with the score and why. */
export function Hits(props: { tr: Translator; view: CaseView; links: CaseLinks }) {
  const { tr, view, links } = props;
  const t = tr.t;
  const persons = view.case.entities.flatMap((e, index) => (e.type === 'person' ? [{ e, index }] : []));
  if (persons.length === 0) return null;
  return (
    <section class="part" aria-labelledby="c-hits">
      <h2 id="c-hits">{t('cases.view.hits')}</h2>
      <p>{t('cases.view.hits_intro')}</p>
      {persons.map(({ e, index }) => {
        const hits = view.hits.filter((h) => h.entityIndex === index);
        const name = entityName(e) + (e.nameOriginal ? ` (${e.nameOriginal})` : '');
        return (
          <div class="case-hits">
            <h3>{name}</h3>
            {hits.length === 0 ? (
              <p>{t('cases.view.no_hits')}</p>
            ) : (
              <DataTable
                caption={t('cases.view.hits_caption', { name })}
                captionHidden
                rows={hits}
                columns={[
                  { label: t('cases.view.col.notice_person'), cell: (h: Hit) => entityName(h) },
                  {
                    label: t('cases.view.col.notice'),
                    cell: (h: Hit) => {
                      const label = h.reference ?? t('cases.view.portal_only');
                      return h.requestId ? <a href={links.request(h.requestId)}>{label}</a> : label;
                    },
                  },
                  { label: t('cases.view.col.score'), numeric: true, cell: (h: Hit) => tr.number(h.score, { style: 'percent', maximumFractionDigits: 0 }) },
                  {
                    label: t('cases.view.col.match'),
                    cell: (h: Hit) => <StatusBadge tone={h.match ? 'warning' : 'inactive'} text={t(h.match ? 'cases.view.likely_match' : 'cases.view.near_miss')} />,
                  },
                  { label: t('cases.view.col.explanation'), cell: (h: Hit) => h.explanation || '—' },
                ]}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}

export function Links(props: { tr: Translator; view: CaseView; links: CaseLinks }) {
  const { tr, view, links } = props;
  const t = tr.t;
  const { linkedCaseIds, linkedRequestIds } = view.case;
  if (linkedCaseIds.length === 0 && linkedRequestIds.length === 0) return null;
  return (
    <section class="part" aria-labelledby="c-links">
      <h2 id="c-links">{t('cases.view.links')}</h2>
      <ul>
        {linkedCaseIds.map((id) => (
          <li>
            {t('cases.view.linked_case')} <a href={links.case(id)}>{id}</a>
          </li>
        ))}
        {linkedRequestIds.map((id) => (
          <li>
            {t('cases.view.linked_request')} <a href={links.request(id)}>{id}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The handling code as a visible label with the restriction every copy of the message carries. */
export function HandlingNotice(props: { tr: Translator; message: Pick<CaseMessage, 'handlingCode' | 'restriction'> }) {
  const m = props.message;
  return (
    <p class={`handling handling-${m.handlingCode}`}>
      <strong class="handling-code">{props.tr.t(`cases.handling.${m.handlingCode}`)}</strong> <span class="handling-text">{handlingNotice(m)}</span>
    </p>
  );
}

export function Grades(props: { tr: Translator; message: CaseMessage }) {
  const { tr, message: m } = props;
  const t = tr.t;
  return (
    <p class="message-grades">
      {t('cases.view.source_grade', { grade: t(`cases.source.${m.sourceGrade}`), meaning: t(`cases.source.${m.sourceGrade}.meaning`) })}
      {' · '}
      {t('cases.view.information_grade', { grade: t(`cases.information.${m.informationGrade}`), meaning: t(`cases.information.${m.informationGrade}.meaning`) })}
    </p>
  );
}

/** Who wrote a message and when, for lists of messages (reply-to options, blockers). */
export const messageLabel = (tr: Translator, view: Pick<CaseView, 'agencies' | 'people'>, m: CaseMessage): string =>
  tr.t('cases.view.message_label', { agency: agencyLabel(view, m.authorAgencyId, tr), person: personLabel(view, m.authorUserId, tr), time: `${tr.date(m.sentAt, 'medium')} ${m.sentAt.slice(11, 16)} UTC` });

function Message(props: { tr: Translator; view: CaseView; message: CaseMessage; links: CaseLinks; blocked: boolean }) {
  const { tr, view, message: m, links } = props;
  const t = tr.t;
  const attachments = view.attachments.filter((a) => a.messageId === m.id);
  const repliedTo = m.replyTo ? view.messages.find((x) => x.id === m.replyTo) : undefined;
  return (
    <li>
      <article id={`m-${m.id}`} class={props.blocked ? 'case-message blocked' : 'case-message'} aria-labelledby={`m-${m.id}-h`}>
        <h3 id={`m-${m.id}-h`} class="message-author">
          {personLabel(view, m.authorUserId, tr)}, {agencyLabel(view, m.authorAgencyId, tr)}
        </h3>
        <p class="message-meta">
          <When tr={tr} iso={m.sentAt} />
          {repliedTo ? (
            <>
              {' · '}
              <a href={`#m-${repliedTo.id}`}>{t('cases.view.reply_to', { label: messageLabel(tr, view, repliedTo) })}</a>
            </>
          ) : null}
        </p>
        <HandlingNotice tr={tr} message={m} />
        <Grades tr={tr} message={m} />
        <div class="message-body">{m.body}</div>
        {attachments.length > 0 ? (
          <ul class="case-attachments" aria-label={t('cases.view.attachments')}>
            {attachments.map((a) => {
              const thumb = a.sizes.thumb;
              return (
                <li>
                  <a href={links.attachment(a.id, 'large')}>
                    <img src={links.attachment(a.id, 'thumb')} alt={a.fileName} width={thumb?.width} height={thumb?.height} loading="lazy" />
                  </a>
                </li>
              );
            })}
          </ul>
        ) : null}
        {m.permissions.length > 0 ? (
          <ul class="message-permissions">
            {m.permissions.map((p) => (
              <li>
                {t('cases.view.permission', { agency: agencyLabel(view, p.agencyId, tr), person: personLabel(view, p.grantedBy, tr) })} <When tr={tr} iso={p.grantedAt} />
              </li>
            ))}
          </ul>
        ) : null}
      </article>
    </li>
  );
}

/** The messages oldest first; `blocked` marks the ones a refused forward named. */
export function Thread(props: { tr: Translator; view: CaseView; links: CaseLinks; blocked?: readonly string[] }) {
  const { tr, view } = props;
  return (
    <section class="part" aria-labelledby="c-thread">
      <h2 id="c-thread">{tr.t('cases.view.thread', { count: view.messages.length })}</h2>
      <ol class="case-thread">
        {view.messages.map((m) => (
          <Message tr={tr} view={view} message={m} links={props.links} blocked={(props.blocked ?? []).includes(m.id)} />
        ))}
      </ol>
    </section>
  );
}
