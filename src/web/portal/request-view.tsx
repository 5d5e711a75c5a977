/** The portal page of one notice request (facts, photos, duplicates, history, versions, the steps open to the reader) and its withdrawal and stage forms. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import {
  decideTransition,
  isExpiringSoon,
  reviewStatuses,
  withdrawalReasons,
  type RequestAction,
} from '../../core/notice-requests.ts';
import { referenceToSlug } from '../../core/notices.ts';
import type { Principal } from '../../core/principal.ts';
import { changeNoticeStage, type StageChange } from '../../services/notice-requests/change-notice-stage.ts';
import { getNoticeRequest, type RequestView } from '../../services/notice-requests/get-notice-request.ts';
import { withdrawNoticeRequest } from '../../services/notice-requests/withdraw-notice-request.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { localPath } from '../views/layout.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { SelectField, TextField } from '../views/portal/parts/fields.tsx';
import { Banner } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { SummaryList } from '../views/portal/parts/summary-list.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { DuplicateList, duplicatesOf, FactsSummary, purposeRefusal, RequestHistory, requestName, RequestStatusBadge, VersionChanges } from '../views/portal/request-parts.tsx';
import { TextArea } from '../views/portal/parts/form-controls.tsx';
import { CsrfField } from './csrf-field.tsx';
import { registerNoticeSearchPages } from './notice-search.tsx';
import { renderPortal } from './render.tsx';
import { reader, registerRequestReviewPages, requestParams } from './request-review.tsx';

/** What a page says after a step that brought the reader back here. */
const doneSteps = ['withdrawn', 'discard_update', 'request_renewal'] as const;
type DoneStep = (typeof doneSteps)[number];

const viewQuery = z.object({
  purpose: z.string().max(1000).optional(),
  submitted: z.string().max(8).optional(),
  done: z.enum(doneSteps).optional(),
});

type ViewPage = { kind: 'view'; view: RequestView; now: Date } | { kind: 'purpose'; problem: string | undefined };

/** Whether the rules let this reader take a step now: the domain decides, so the page offers only what would succeed. */
function allows(view: RequestView, principal: Principal, action: RequestAction, now: Date): boolean {
  try {
    decideTransition(view.request, action, { kind: 'user', principal }, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * The requesting agency and the office's reviewers work on the working copy; every other agency sees what was
 * reviewed and circulates, never an update still in preparation.
 */
function shownFacts(view: RequestView, principal: Principal) {
  const { request: r } = view;
  if (principal.agencyId === r.agencyId || (principal.agencyIsOffice && principal.roles.includes('reviewer'))) return { facts: r.facts, published: false };
  const published = view.versions.find((v) => v.version === r.publishedVersion);
  return published ? { facts: published.facts, published: true } : { facts: r.facts, published: false };
}

function PurposePrompt(props: { c: Context<AppEnv>; id: string; problem: string | undefined }) {
  const { c } = props;
  const t = c.get('tr').t;
  return (
    <form method="get" action={portalPath(c, `/requests/${props.id}`)} class="narrow">
      <TextField
        id="v-purpose"
        label={t('requests.view.purpose')}
        hint={t('requests.view.purpose_hint')}
        error={props.problem}
        input={{ name: 'purpose', required: true, minlength: 3, maxlength: 200 }}
      />
      <button type="submit">{t('requests.view.purpose_submit')}</button>
    </form>
  );
}

function Actions(props: { c: Context<AppEnv>; view: RequestView; principal: Principal; now: Date }) {
  const { c, view, principal, now } = props;
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  const r = view.request;
  const base = `/requests/${r.id}`;
  const may = (a: RequestAction) => allows(view, principal, a, now);
  const stage = (change: StageChange, label: string, tone = 'secondary') => (
    <form method="post" action={portalPath(c, `${base}/stage`)}>
      <CsrfField token={token} />
      <input type="hidden" name="change" value={change} />
      <button type="submit" class={tone}>
        {label}
      </button>
    </form>
  );
  const reviewable = principal.agencyIsOffice && principal.roles.includes('reviewer') && reviewStatuses.has(r.status);
  const buttons = [
    may('edit') ? (
      <a class="button secondary" href={portalPath(c, `${base}/edit`)}>
        {t('requests.view.do.edit')}
      </a>
    ) : null,
    may('submit') ? (
      <form method="post" action={portalPath(c, `${base}/submit`)}>
        <CsrfField token={token} />
        <button type="submit">{t('requests.view.do.submit')}</button>
      </form>
    ) : null,
    reviewable ? (
      <a class="button" href={portalPath(c, `${base}/review`)}>
        {t('requests.view.do.review')}
      </a>
    ) : null,
    may('start_update') ? stage('start_update', t('requests.view.do.start_update')) : null,
    may('discard_update') ? stage('discard_update', t('requests.view.do.discard_update')) : null,
    may('request_renewal') ? stage('request_renewal', t('requests.view.do.request_renewal'), '') : null,
  ].filter((b) => b !== null);
  const withdraw = may('withdraw');
  if (buttons.length === 0 && !withdraw) return null;
  return (
    <section class="part" aria-labelledby="r-actions">
      <h2 id="r-actions">{t('requests.view.actions')}</h2>
      {buttons.length > 0 ? <div class="button-group">{buttons}</div> : null}
      {withdraw ? (
        <details class="withdraw-box">
          <summary>{t('requests.view.withdraw.title')}</summary>
          <form method="post" action={portalPath(c, `${base}/withdraw`)}>
            <CsrfField token={token} />
            <p>{t(r.noticeId ? 'requests.view.withdraw.public' : 'requests.view.withdraw.intro')}</p>
            <SelectField
              id="w-reason"
              name="reason"
              label={t('requests.view.withdraw.reason')}
              required
              options={withdrawalReasons.map((reason) => ({ value: reason, label: t(`requests.withdrawal.${reason}`) }))}
            />
            <TextArea id="w-note" name="note" label={t('requests.view.withdraw.note')} hint={t('requests.view.withdraw.note_hint')} maxlength={2000} rows={3} />
            <button type="submit" class="warning">
              {t('requests.view.withdraw.submit')}
            </button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

function Photos(props: { c: Context<AppEnv>; view: RequestView }) {
  const { c, view } = props;
  const t = c.get('tr').t;
  const photos = view.photos;
  return (
    <section class="part" aria-labelledby="r-photos">
      <h2 id="r-photos">{t('requests.field.photos')}</h2>
      {photos.length === 0 ? (
        <p>{t('requests.view.no_photos')}</p>
      ) : (
        <ul class="request-photos">
          {photos.map((p, i) => {
            const thumb = p.sizes.thumb;
            return (
              <li>
                <a href={`${portalPath(c, `/requests/${view.request.id}/photos/${p.id}/large`)}?purpose=${encodeURIComponent(view.purpose)}`}>
                  <img
                    src={`${portalPath(c, `/requests/${view.request.id}/photos/${p.id}/thumb`)}?purpose=${encodeURIComponent(view.purpose)}`}
                    alt={t('requests.view.photo_alt', { n: i + 1, count: photos.length })}
                    width={thumb?.width}
                    height={thumb?.height}
                    loading="lazy"
                  />
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Versions(props: { c: Context<AppEnv>; view: RequestView }) {
  const tr = props.c.get('tr');
  const t = tr.t;
  const { versions, changes, people } = props.view;
  if (versions.length === 0) return null;
  const [latest, previous] = versions;
  return (
    <section class="part" aria-labelledby="r-versions">
      <h2 id="r-versions">{t('requests.view.versions')}</h2>
      <DataTable
        caption={t('requests.view.versions_caption')}
        rows={versions}
        columns={[
          { label: t('requests.view.col.version'), numeric: true, cell: (v) => v.version },
          { label: t('requests.view.col.occasion'), cell: (v) => t(`requests.view.occasion.${v.occasion}`) },
          { label: t('requests.view.col.submitted_by'), cell: (v) => people[v.submittedBy] ?? t('requests.view.someone') },
          { label: t('requests.view.col.submitted_at'), cell: (v) => <When tr={tr} iso={v.submittedAt} /> },
          { label: t('requests.view.col.decision'), cell: (v) => (v.decision ? t(`requests.view.decision.${v.decision}`) : t('requests.view.decision.pending')) },
        ]}
      />
      {latest && previous ? (
        changes.length > 0 ? (
          <VersionChanges tr={tr} changes={changes} caption={t('requests.view.changes_caption', { latest: latest.version, previous: previous.version })} />
        ) : (
          <p>{t('requests.view.no_changes', { latest: latest.version, previous: previous.version })}</p>
        )
      ) : null}
    </section>
  );
}

function viewPage(c: Context<AppEnv>, out: ViewPage, q: z.output<typeof viewQuery>, id: string): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const crumbs = [{ href: portalPath(c, '/'), label: t('portal.nav.home') }];
  if (out.kind === 'purpose') {
    return renderPortal(
      c,
      t('requests.view.purpose_title'),
      <>
        <PageHeader title={t('requests.view.purpose_title')} crumbs={crumbs} crumbsLabel={t('portal.breadcrumbs')} lead={t('requests.view.purpose_lead')} />
        <PurposePrompt c={c} id={id} problem={out.problem} />
      </>,
      { status: out.problem ? 400 : 200 },
    );
  }
  const { view, now } = out;
  const principal = reader(c.get('principal'));
  const r = view.request;
  const own = principal.agencyId === r.agencyId;
  const { facts, published } = shownFacts(view, principal);
  const name = requestName(facts) || t('requests.view.unnamed');
  const duplicates = duplicatesOf(view.events);
  if (own) crumbs.push({ href: portalPath(c, '/requests'), label: t('requests.view.nav_requests') });
  const overview: [string, Child][] = [
    [t('requests.view.status'), <RequestStatusBadge tr={tr} status={r.status} />],
    [t('requests.view.agency'), `${view.agency.name} (${view.agency.code}, ${tr.country(view.agency.country)})`],
    [t('requests.view.reference'), r.reference ?? t('requests.view.not_published')],
    [
      t('requests.view.public_notice'),
      view.publicReference ? <a href={localPath(tr.lang, `/notices/${referenceToSlug(view.publicReference)}`)}>{t('requests.view.public_link')}</a> : t('requests.view.not_public'),
    ],
    [t('requests.field.nationalReference'), facts.nationalReference || '—'],
    [t('requests.view.updated'), <When tr={tr} iso={r.updatedAt} />],
  ];
  if (r.publishedAt) overview.push([t('requests.view.published_at'), <When tr={tr} iso={r.publishedAt} />]);
  if (r.expiresAt) overview.push([t('requests.view.expires'), tr.date(r.expiresAt, 'long')]);
  if (r.withdrawalReason) overview.push([t('requests.view.withdrawal_reason'), t(`requests.withdrawal.${r.withdrawalReason}`)]);
  if (r.withdrawalNote) overview.push([t('requests.view.withdrawal_note'), r.withdrawalNote]);
  const doneText: Record<DoneStep, string> = {
    withdrawn: t('requests.view.done.withdrawn'),
    discard_update: t('requests.view.done.discard_update'),
    request_renewal: t('requests.view.done.request_renewal'),
  };
  return renderPortal(
    c,
    name,
    <>
      <PageHeader
        title={name}
        crumbs={crumbs}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={t('requests.view.lead', { kind: t(`notices.kind.${r.kind}`), agency: view.agency.code })}
      />
      {q.submitted ? (
        <Banner tone="success" title={t('requests.view.submitted_title')}>
          <p>{t(duplicates.length ? 'requests.view.submitted_duplicates' : 'requests.view.submitted_text', { count: duplicates.length })}</p>
        </Banner>
      ) : null}
      {q.done ? <Banner tone="success" title={doneText[q.done]} /> : null}
      {own && isExpiringSoon(r.status, r.expiresAt, now) && r.expiresAt ? (
        <Banner tone="info" title={t('requests.view.expiring_title')}>
          <p>{t('requests.view.expiring_text', { date: tr.date(r.expiresAt, 'long') })}</p>
        </Banner>
      ) : null}
      {!own ? <p class="consultation-note">{t('requests.view.consulted', { purpose: view.purpose })}</p> : null}
      <SummaryList rows={overview} />
      <Actions c={c} view={view} principal={principal} now={now} />
      {duplicates.length > 0 ? (
        <section class="part" aria-labelledby="r-duplicates">
          <h2 id="r-duplicates">{t('requests.view.duplicates')}</h2>
          <p>{t('requests.view.duplicates_intro')}</p>
          <DuplicateList tr={tr} duplicates={duplicates} caption={t('requests.view.duplicates')} linkOf={(rid) => portalPath(c, `/requests/${rid}`)} />
        </section>
      ) : null}
      <section class="part" aria-labelledby="r-facts">
        <h2 id="r-facts">{t(published ? 'requests.view.facts_published' : 'requests.view.facts')}</h2>
        <FactsSummary tr={tr} facts={facts} />
      </section>
      <Photos c={c} view={view} />
      <Versions c={c} view={view} />
      <section class="part" aria-labelledby="r-history">
        <h2 id="r-history">{t('requests.view.history')}</h2>
        <RequestHistory tr={tr} events={view.events} people={view.people} />
      </section>
    </>,
  );
}

const withdrawForm = z.object({ reason: z.enum(withdrawalReasons), note: z.string().max(2000).default('') });
const stageForm = z.object({ change: z.enum(['start_update', 'discard_update', 'request_renewal']) });

export function registerRequestViewPages(routes: Routes): void {
  // Opening a request is a consultation: the use case records it, with the purpose it needs from readers outside the
  // requesting agency and the review; without one, the page asks for it and shows nothing of the request.
  routes.portalPage('/portal/requests/:id', {
    authorise: 'notices.read',
    audit: 'use-case',
    input: { params: requestParams, query: viewQuery },
    run: async ({ db, principal, input, meta, tr }): Promise<ViewPage> => {
      try {
        return { kind: 'view', view: await getNoticeRequest(db, reader(principal), input.params.id, input.query.purpose), now: meta.now };
      } catch (err) {
        const problem = purposeRefusal(tr, err);
        if (problem === undefined) throw err;
        return { kind: 'purpose', problem: input.query.purpose === undefined ? undefined : problem };
      }
    },
    render: (c, out, input) => viewPage(c, out, input.query, input.params.id),
  });

  // Officers of the requesting agency and reviewers of the office may withdraw; the use case decides which applies.
  routes.portalAction('/portal/requests/:id/withdraw', {
    authorise: 'notices.read',
    audit: 'use-case',
    input: { params: requestParams, body: withdrawForm },
    run: ({ db, principal, input, meta }) => withdrawNoticeRequest(db, reader(principal), input.params.id, input.body, meta.now),
    render: (c, r) => c.redirect(`${portalPath(c, `/requests/${r.id}`)}?done=withdrawn`, 303),
  });

  routes.portalAction('/portal/requests/:id/stage', {
    authorise: 'notices.submit',
    audit: 'use-case',
    input: { params: requestParams, body: stageForm },
    run: ({ db, principal, input, meta }) => changeNoticeStage(db, reader(principal), input.params.id, input.body.change, meta.now),
    render: (c, r, input) =>
      input.body.change === 'start_update'
        ? c.redirect(portalPath(c, `/requests/${r.id}/edit`), 303)
        : c.redirect(`${portalPath(c, `/requests/${r.id}`)}?done=${input.body.change}`, 303),
  });

  registerRequestReviewPages(routes);
  registerNoticeSearchPages(routes);
}
