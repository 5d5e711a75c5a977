/** The portal page of one case (overview, deadline, participants, hits, thread and the steps open to the reader), the purpose prompt before it, and its printable copy. */
import type { Context } from 'hono';
import { participates } from '../../../core/cases.ts';
import { can } from '../../../core/permissions.ts';
import type { Principal } from '../../../core/principal.ts';
import type { CaseRecipient } from '../../../services/cases/list-case-recipients.ts';
import type { CaseView } from '../../../services/cases/get-case.ts';
import type { AppEnv } from '../../context.ts';
import { portalPath } from '../../pipeline/session.ts';
import { renderPortal } from '../../portal/render.tsx';
import { CaseSteps, emptyReply, ReplyForm, type CaseFormsProps, type FormErrors, type ReplyDraft } from './case-view-forms.tsx';
import {
  agencyLabel,
  CaseOverview,
  Entities,
  HandlingNotice,
  Grades,
  Hits,
  Links,
  messageLabel,
  Participants,
  personLabel,
  Receipts,
  Thread,
  UrgencyBadge,
  type CaseLinks,
} from './case-view-parts.tsx';
import { TextField } from './parts/fields.tsx';
import { Banner, ErrorSummary } from './parts/messages.tsx';
import { PageHeader } from './parts/page-header.tsx';
import { SummaryList } from './parts/summary-list.tsx';
import { When } from './parts/time.tsx';

/** The steps that bring the reader back to the case with a banner saying so. */
export const doneSteps = ['acknowledged', 'replied', 'forwarded', 'granted', 'closed', 'refused', 'retention_extended'] as const;
export type DoneStep = (typeof doneSteps)[number];

/** A form the reader sent that was refused, shown again on the page beside its fields. */
export type FormRefusal = { form: NonNullable<CaseFormsProps['errors']>['form']; fields: FormErrors };

export type CasePage =
  | {
      kind: 'view';
      view: CaseView;
      /** Agencies the reader may forward to or permit. */
      agencies: CaseRecipient[];
      now: Date;
      opened?: boolean;
      done?: DoneStep | undefined;
      reply?: ReplyDraft;
      refusal?: FormRefusal;
      /** A forward the H2 rule stopped: to whom, the refusal's text and the messages that stopped it. */
      forwardRefused?: { agencyId: string; text: string; blockers: string[] };
      /** The message went, its attachment did not: why. */
      attachmentRefused?: string;
    }
  | { kind: 'purpose'; id: string; problem: string | undefined };

/** Where each field's error summary entry points: the first control of the field. */
const fieldIds: Record<FormRefusal['form'], Record<string, string>> = {
  reply: { body: 'r-body', handlingCode: 'r-handlingCode-H0', restriction: 'r-restriction', sourceGrade: 'r-sourceGrade', informationGrade: 'r-informationGrade', replyTo: 'r-replyTo', attachment: 'r-attachment' },
  refuse: { reason: 'x-reason' },
  retention: { days: 'e-days', reason: 'e-reason' },
  grant: { messageId: 'g-messageId', agencyId: 'g-agencyId' },
  forward: { agencyId: 'f-agencyId' },
};

function reader(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new Error('a case page rendered for nobody');
  return p;
}

/** Paths of the case and its parts; readers outside the case pass on the purpose their reading was recorded with. */
function caseLinks(c: Context<AppEnv>, view: CaseView): CaseLinks {
  const purpose = `?purpose=${encodeURIComponent(view.purpose)}`;
  return {
    attachment: (attachmentId, size) => `${portalPath(c, `/cases/${view.case.id}/attachments/${attachmentId}/${size}`)}${purpose}`,
    request: (requestId) => portalPath(c, `/requests/${requestId}`),
    case: (caseId) => portalPath(c, `/cases/${caseId}`),
  };
}

/** Names of every agency the page may mention: the case's own, and those offered in its forms. */
const withAgencies = (view: CaseView, agencies: readonly CaseRecipient[]): CaseView => ({
  ...view,
  agencies: { ...Object.fromEntries(agencies.map((a) => [a.id, { name: a.name, country: a.country, code: a.code }])), ...view.agencies },
});

function purposePage(c: Context<AppEnv>, page: Extract<CasePage, { kind: 'purpose' }>): Promise<Response> {
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t('cases.view.purpose_title'),
    <>
      <PageHeader
        title={t('cases.view.purpose_title')}
        crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={t('cases.view.purpose_lead')}
      />
      <form method="get" action={portalPath(c, `/cases/${page.id}`)} class="narrow">
        <TextField
          id="c-purpose"
          label={t('cases.view.purpose')}
          hint={t('cases.view.purpose_hint')}
          error={page.problem}
          input={{ name: 'purpose', required: true, minlength: 3, maxlength: 200 }}
        />
        <button type="submit">{t('cases.view.purpose_submit')}</button>
      </form>
    </>,
    { status: page.problem ? 400 : 200 },
  );
}

function erasedPage(c: Context<AppEnv>, view: CaseView): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const title = t('cases.view.erased_title', { reference: view.case.reference });
  return renderPortal(
    c,
    title,
    <>
      <PageHeader title={title} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} />
      <p>{t('cases.view.erased', { reference: view.case.reference, date: tr.date(view.case.erasedAt ?? view.case.openedAt, 'long') })}</p>
    </>,
  );
}

export function renderCasePage(c: Context<AppEnv>, page: CasePage): Promise<Response> {
  if (page.kind === 'purpose') return purposePage(c, page);
  const view = withAgencies(page.view, page.agencies);
  if (view.case.erasedAt) return erasedPage(c, view);
  const tr = c.get('tr');
  const t = tr.t;
  const principal = reader(c);
  const k = view.case;
  const mine = participates(principal, k);
  const links = caseLinks(c, view);
  const base = `/cases/${k.id}`;
  const forms: CaseFormsProps = {
    tr,
    csrfToken: c.get('csrfToken'),
    view,
    agencies: page.agencies,
    mayExtend: can(principal, 'cases.retention'),
    action: (step) => portalPath(c, `${base}/${step}`),
    purpose: mine ? undefined : view.purpose,
    reply: page.reply ?? emptyReply,
    errors: page.refusal,
    principalAgencyId: principal.agencyId,
  };
  const refusal = page.refusal;
  const summary = refusal ? [...refusal.fields].map(([field, text]) => ({ field: fieldIds[refusal.form][field], text })) : [];
  // The deadline is the recipients' to keep; the office watches every case so none waits unrouted.
  const showOverdue = view.overdue && principal.agencyId !== k.originatorAgencyId;
  const title = `${k.reference}: ${k.subject}`;
  const printHref = `${portalPath(c, `${base}/print`)}?purpose=${encodeURIComponent(view.purpose)}`;
  return renderPortal(
    c,
    title,
    <>
      <PageHeader
        title={title}
        crumbs={[
          { href: portalPath(c, '/'), label: t('portal.nav.home') },
          { href: portalPath(c, '/cases'), label: t('cases.view.nav_cases') },
        ]}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={
          <>
            {t('cases.view.lead', { kind: t(`cases.kind.${k.kind}`), agency: agencyLabel(view, k.originatorAgencyId, tr) })} <UrgencyBadge tr={tr} urgency={k.urgency} />
          </>
        }
      />
      {page.opened ? (
        <Banner tone="success" title={t('cases.view.opened_title')}>
          <p>{t('cases.view.opened_text', { count: view.hits.length })}</p>
        </Banner>
      ) : null}
      {page.done ? <Banner tone="success" title={t(`cases.view.done.${page.done}`)} /> : null}
      {page.attachmentRefused ? (
        <Banner tone="problem" title={t('cases.action.reply.attachment_refused')}>
          <p>{page.attachmentRefused}</p>
        </Banner>
      ) : null}
      {page.forwardRefused ? (
        <Banner tone="problem" title={t('cases.action.forward.refused_title', { agency: agencyLabel(view, page.forwardRefused.agencyId, tr) })}>
          <p>{page.forwardRefused.text}</p>
          <ul class="forward-blockers">
            {page.forwardRefused.blockers.flatMap((id) => {
              const m = view.messages.find((x) => x.id === id);
              return m ? [<li><a href={`#m-${m.id}`}>{messageLabel(tr, view, m)}</a></li>] : [];
            })}
          </ul>
          <p>{t('cases.action.forward.refused_help')}</p>
        </Banner>
      ) : null}
      <ErrorSummary title={t('portal.form.problem')} messages={summary} />
      {showOverdue ? (
        <Banner tone="problem" title={t('cases.view.overdue_title')}>
          <p>{t('cases.view.overdue_text', { deadline: `${tr.date(k.deadlineAt, 'medium')} ${k.deadlineAt.slice(11, 16)} UTC` })}</p>
        </Banner>
      ) : null}
      {!mine ? <p class="consultation-note">{t('cases.view.consulted', { purpose: view.purpose })}</p> : null}
      <p class="case-print-link">
        <a href={printHref}>{t('cases.view.print_link')}</a>
      </p>
      <CaseOverview tr={tr} view={view} now={page.now} />
      <CaseSteps {...forms} />
      <Participants tr={tr} view={view} />
      <Receipts tr={tr} view={view} />
      <Entities tr={tr} view={view} />
      <Hits tr={tr} view={view} links={links} />
      <Links tr={tr} view={view} links={links} />
      <Thread tr={tr} view={view} links={links} blocked={page.forwardRefused?.blockers} />
      {view.may.reply ? <ReplyForm {...forms} /> : null}
    </>,
    { status: page.forwardRefused ? 409 : refusal || page.attachmentRefused ? 400 : 200 },
  );
}

/**
 * The printable copy: every message with its handling notice above its body, and the H1 restriction on top when any
 * message carries it, so no printout loses what the originator restricted.
 */
export function renderCasePrint(c: Context<AppEnv>, page: { view: CaseView; now: Date }): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const view = page.view;
  const k = view.case;
  if (k.erasedAt) return erasedPage(c, view);
  const principal = reader(c);
  const title = t('cases.print.title', { reference: k.reference });
  const h1 = view.messages.some((m) => m.handlingCode === 'H1');
  return renderPortal(
    c,
    title,
    <div class="case-print">
      <p class="case-print-back">
        <a href={portalPath(c, `/cases/${k.id}`)}>{t('cases.print.back')}</a>
      </p>
      <h1>
        {k.reference}: {k.subject}
      </h1>
      {h1 ? (
        <p class="print-restriction" role="note">
          <strong>{t('cases.print.h1_banner')}</strong>
        </p>
      ) : null}
      <p class="print-meta">
        {t('cases.print.printed_by', { person: principal.name, agency: principal.agencyCode })} <When tr={tr} iso={page.now.toISOString()} />
      </p>
      <SummaryList
        rows={[
          [t('cases.field.kind'), t(`cases.kind.${k.kind}`)],
          [t('cases.field.status'), t(`cases.status.${k.status}`)],
          [t('cases.field.urgency'), t(`cases.urgency.${k.urgency}`)],
          [t('cases.field.deadline'), <When tr={tr} iso={k.deadlineAt} />],
          [t('cases.field.crimeArea'), t(`cases.crime_area.${k.crimeArea}`)],
          [t('cases.field.nationalReference'), k.nationalReference],
          [t('cases.view.participants'), k.participants.map((p) => `${agencyLabel(view, p.agencyId, tr)}: ${t(`cases.view.role.${p.role}`)}`).join('; ')],
        ]}
      />
      <Entities tr={tr} view={view} />
      <h2>{t('cases.print.messages', { count: view.messages.length })}</h2>
      <ol class="case-thread">
        {view.messages.map((m) => (
          <li>
            <article class="case-message">
              <HandlingNotice tr={tr} message={m} />
              <h3 class="message-author">
                {personLabel(view, m.authorUserId, tr)}, {agencyLabel(view, m.authorAgencyId, tr)}
              </h3>
              <p class="message-meta">
                <When tr={tr} iso={m.sentAt} />
              </p>
              <Grades tr={tr} message={m} />
              <div class="message-body">{m.body}</div>
              {view.attachments.some((a) => a.messageId === m.id) ? (
                <p class="message-files">
                  {t('cases.print.attachments', {
                    names: view.attachments
                      .filter((a) => a.messageId === m.id)
                      .map((a) => a.fileName)
                      .join(', '),
                  })}
                </p>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </div>,
  );
}
