/** The reviewers' side of notice requests: the queue, oldest first, and the review form beside the version under review. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import {
  checklistItems,
  reviewDecisions,
  type Checklist,
  type ChecklistItem,
  type RequestStatus,
  type ReviewDecision,
  type VersionOccasion,
} from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import { getNoticeRequest, type RequestView } from '../../services/notice-requests/get-notice-request.ts';
import { listReviewQueue, type RequestListItem } from '../../services/notice-requests/list-notice-requests.ts';
import { reviewNoticeRequest } from '../../services/notice-requests/review-notice-request.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { Banner, ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { DuplicateList, duplicatesOf, FactsSummary, purposeRefusal, RequestHistory, requestName, VersionChanges, waitingText } from '../views/portal/request-parts.tsx';
import { ChoiceGroup, TextArea } from '../views/portal/parts/form-controls.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

export const requestParams = z.object({ id: z.string().min(1).max(64) });

/** The pipeline authorised the principal before `run`; its absence would be a wiring bug, answered as signed out. */
export function reader(p: Principal | undefined): Principal {
  if (!p) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return p;
}

const occasionOf = (status: RequestStatus): VersionOccasion =>
  status === 'update_submitted' ? 'update' : status === 'renewal_submitted' ? 'renewal' : 'request';

const queueQuery = z.object({ done: z.enum(reviewDecisions).optional() });

function queuePage(c: Context<AppEnv>, items: RequestListItem[], done: ReviewDecision | undefined): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  return renderPortal(
    c,
    t('requests.queue.title'),
    <>
      <PageHeader title={t('requests.queue.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('requests.queue.lead')} />
      {done ? <Banner tone="success" title={t(`requests.queue.done.${done}`)} /> : null}
      {items.length === 0 ? (
        <EmptyState title={t('requests.queue.empty')}>
          <p>{t('requests.queue.empty_text')}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t('requests.queue.caption', { count: items.length })}
          rows={items}
          columns={[
            {
              label: t('requests.queue.col.person'),
              cell: (i) => <a href={portalPath(c, `/requests/${i.id}/review`)}>{requestName(i) || t('requests.view.unnamed')}</a>,
            },
            { label: t('requests.queue.col.agency'), cell: (i) => `${i.agencyName} (${tr.country(i.agencyCountry)})` },
            { label: t('requests.queue.col.kind'), cell: (i) => t(`notices.kind.${i.kind}`) },
            { label: t('requests.queue.col.occasion'), cell: (i) => t(`requests.view.occasion.${occasionOf(i.status)}`) },
            { label: t('requests.queue.col.submitted'), cell: (i) => (i.submittedAt ? <When tr={tr} iso={i.submittedAt} /> : '—') },
            { label: t('requests.queue.col.waiting'), cell: (i) => (i.waitingMs === null ? '—' : waitingText(tr, i.waitingMs)) },
          ]}
        />
      )}
    </>,
  );
}

/** The review form as typed, kept whole when the review is refused. */
type ReviewValues = { decision: ReviewDecision | undefined; comment: string; checklist: ChecklistItem[] };

type ReviewPage = { kind: 'form'; view: RequestView; values: ReviewValues; problems: FieldIssue[] } | { kind: 'not_in_review' };

const fieldIds = (field: string): string => {
  if (field.startsWith('checklist.')) return `rv-check-${field.slice('checklist.'.length)}`;
  return field === 'comment' ? 'rv-comment' : 'rv-decision-approve';
};

/** The seriousness of an offence has no meaning for a missing person, so that item is not asked. */
const itemsFor = (kind: 'wanted' | 'missing'): ChecklistItem[] => checklistItems.filter((i) => kind === 'wanted' || i !== 'serious_offence');

function ReviewForm(props: { c: Context<AppEnv>; view: RequestView; values: ReviewValues; problems: FieldIssue[] }) {
  const { c, view, values, problems } = props;
  const t = c.get('tr').t;
  const problemOf = (field: string) => {
    const p = problems.find((i) => i.field === field);
    return p ? (c.get('tr').knows(p.message) ? t(p.message) : p.message) : undefined;
  };
  return (
    <form method="post" action={portalPath(c, `/requests/${view.request.id}/review`)} class="review-form">
      <CsrfField token={c.get('csrfToken')} />
      <h2>{t('requests.review.form_title')}</h2>
      <ChoiceGroup
        idPrefix="rv-check"
        name="checklist"
        type="checkbox"
        legend={t('requests.review.checklist')}
        hint={t('requests.review.checklist_hint')}
        options={itemsFor(view.request.kind).map((item) => ({
          value: item,
          label: t(`requests.checklist.${item}`),
          checked: values.checklist.includes(item),
          error: problemOf(`checklist.${item}`),
        }))}
      />
      <TextArea id="rv-comment" name="comment" label={t('requests.review.comment')} hint={t('requests.review.comment_hint')} value={values.comment} error={problemOf('comment')} maxlength={4000} rows={5} />
      <ChoiceGroup
        idPrefix="rv-decision"
        name="decision"
        type="radio"
        legend={t('requests.review.decision')}
        error={problemOf('decision')}
        options={reviewDecisions.map((d) => ({ value: d, label: t(`requests.review.decision_${d}`), checked: values.decision === d }))}
      />
      <button type="submit">{t('requests.review.submit')}</button>
    </form>
  );
}

function reviewPage(c: Context<AppEnv>, out: ReviewPage, id: string): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const crumbs = [
    { href: portalPath(c, '/'), label: t('portal.nav.home') },
    { href: portalPath(c, '/review'), label: t('requests.queue.title') },
  ];
  if (out.kind === 'not_in_review') {
    return renderPortal(
      c,
      t('requests.review.title_plain'),
      <>
        <PageHeader title={t('requests.review.title_plain')} crumbs={crumbs} crumbsLabel={t('portal.breadcrumbs')} />
        <Banner tone="info" title={t('requests.review.not_in_review')}>
          <p>
            <a href={portalPath(c, `/requests/${id}`)}>{t('requests.review.open_request')}</a>
          </p>
        </Banner>
      </>,
      { status: 409 },
    );
  }
  const { view, values, problems } = out;
  const [version, previous] = view.versions;
  const facts = version?.facts ?? view.request.facts;
  const name = requestName(facts) || t('requests.view.unnamed');
  const photos = view.photos.filter((p) => version?.photoIds.includes(p.id) ?? true);
  const duplicates = duplicatesOf(view.events);
  // The summary names the checklist item each message is about; beside its checkbox the message stands alone.
  const messageOf = (p: FieldIssue) => {
    const text = tr.knows(p.message) ? t(p.message) : p.message;
    const item = p.field.startsWith('checklist.') ? `requests.checklist.${p.field.slice('checklist.'.length)}` : undefined;
    return item && tr.knows(item) ? t('requests.review.about_item', { item: t(item), text }) : text;
  };
  return renderPortal(
    c,
    t('requests.review.title', { name }),
    <>
      <PageHeader
        title={t('requests.review.title', { name })}
        crumbs={crumbs}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={t('requests.review.lead', {
          kind: t(`notices.kind.${view.request.kind}`),
          agency: `${view.agency.name} (${view.agency.code})`,
          version: version?.version ?? 0,
          occasion: t(`requests.view.occasion.${version?.occasion ?? 'request'}`),
        })}
      />
      <ErrorSummary title={t('portal.form.problem')} messages={problems.map((p) => ({ field: fieldIds(p.field), text: messageOf(p) }))} />
      <div class="review-layout">
        <div class="review-record">
          <section class="part" aria-labelledby="rv-facts">
            <h2 id="rv-facts">{t('requests.review.version_facts', { version: version?.version ?? 0 })}</h2>
            <FactsSummary tr={tr} facts={facts} />
          </section>
          <section class="part" aria-labelledby="rv-photos">
            <h2 id="rv-photos">{t('requests.field.photos')}</h2>
            {photos.length === 0 ? (
              <p>{t('requests.view.no_photos')}</p>
            ) : (
              <ul class="request-photos">
                {photos.map((p, i) => (
                  <li>
                    <a href={`${portalPath(c, `/requests/${view.request.id}/photos/${p.id}/large`)}?purpose=${encodeURIComponent(view.purpose)}`}>
                      <img
                        src={`${portalPath(c, `/requests/${view.request.id}/photos/${p.id}/thumb`)}?purpose=${encodeURIComponent(view.purpose)}`}
                        alt={t('requests.view.photo_alt', { n: i + 1, count: photos.length })}
                        width={p.sizes.thumb?.width}
                        height={p.sizes.thumb?.height}
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {version && previous ? (
            <section class="part" aria-labelledby="rv-changes">
              <h2 id="rv-changes">{t('requests.review.changes')}</h2>
              {view.changes.length > 0 ? (
                <VersionChanges tr={tr} changes={view.changes} caption={t('requests.view.changes_caption', { latest: version.version, previous: previous.version })} />
              ) : (
                <p>{t('requests.view.no_changes', { latest: version.version, previous: previous.version })}</p>
              )}
            </section>
          ) : null}
          <section class="part" aria-labelledby="rv-duplicates">
            <h2 id="rv-duplicates">{t('requests.view.duplicates')}</h2>
            {duplicates.length > 0 ? (
              <DuplicateList tr={tr} duplicates={duplicates} caption={t('requests.view.duplicates')} linkOf={(rid) => portalPath(c, `/requests/${rid}`)} />
            ) : (
              <p>{t('requests.review.no_duplicates')}</p>
            )}
          </section>
          <section class="part" aria-labelledby="rv-history">
            <h2 id="rv-history">{t('requests.view.history')}</h2>
            <RequestHistory tr={tr} events={view.events} people={view.people} />
          </section>
        </div>
        <ReviewForm c={c} view={view} values={values} problems={problems} />
      </div>
    </>,
    { status: problems.length > 0 ? 400 : 200 },
  );
}

const reviewForm = z.object({
  decision: z.enum(reviewDecisions).optional(),
  comment: z.string().max(4000).default(''),
  checklist: z.union([z.string(), z.array(z.string())]).optional(),
});

const checkedItems = (raw: string | string[] | undefined): ChecklistItem[] => {
  const given = new Set(raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]);
  return checklistItems.filter((i) => given.has(i));
};

/** Refusals a reviewer can correct on the same form: an incomplete review, or four-eyes (another reviewer must decide). */
function correctable(err: unknown): FieldIssue[] | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (err.code === 'validation_failed' && err.issues.length > 0) return err.issues;
  if (err.key === 'notice_request.error.four_eyes') return [{ field: 'decision', message: err.key }];
  return undefined;
}

export function registerRequestReviewPages(routes: Routes): void {
  routes.portalPage('/portal/review', {
    authorise: 'notices.review',
    input: { query: queueQuery },
    run: ({ db, principal, meta }) => listReviewQueue(db, reader(principal), meta.now),
    render: (c, items, input) => queuePage(c, items, input.query.done),
  });

  // Reading a request in review is part of the reviewer's task (the use case records it with that purpose); one that
  // has left review would need a purpose of its own, so the page says it is no longer waiting instead.
  routes.portalPage('/portal/requests/:id/review', {
    authorise: 'notices.review',
    audit: 'use-case',
    input: { params: requestParams },
    run: async ({ db, principal, input, tr }): Promise<ReviewPage> => {
      try {
        const view = await getNoticeRequest(db, reader(principal), input.params.id, undefined);
        return { kind: 'form', view, values: { decision: undefined, comment: '', checklist: [] }, problems: [] };
      } catch (err) {
        if (purposeRefusal(tr, err) === undefined) throw err;
        return { kind: 'not_in_review' };
      }
    },
    render: (c, out, input) => reviewPage(c, out, input.params.id),
  });

  // The use case runs in its own transaction, so a refused review is rolled back whole before the form is shown again.
  routes.portalAction('/portal/requests/:id/review', {
    authorise: 'notices.review',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: requestParams, body: reviewForm },
    run: async ({ db, principal, input, meta, deps }): Promise<ReviewPage | { kind: 'done'; decision: ReviewDecision }> => {
      const p = reader(principal);
      const { decision, comment } = input.body;
      const items = checkedItems(input.body.checklist);
      const values: ReviewValues = { decision, comment, checklist: items };
      let problems: FieldIssue[] = [];
      if (decision === undefined) problems = [{ field: 'decision', message: 'requests.review.decision_missing' }];
      else {
        const checklist = Object.fromEntries(checklistItems.map((i) => [i, items.includes(i)])) as Checklist;
        try {
          await reviewNoticeRequest(db, deps.photoStore, p, input.params.id, { decision, comment, checklist }, meta.now);
          return { kind: 'done', decision };
        } catch (err) {
          const issues = correctable(err);
          if (!issues) throw err;
          problems = issues;
        }
      }
      return { kind: 'form', view: await getNoticeRequest(db, p, input.params.id, undefined), values, problems };
    },
    render: (c, out, input) => (out.kind === 'done' ? c.redirect(`${portalPath(c, '/review')}?done=${out.decision}`, 303) : reviewPage(c, out, input.params.id)),
  });
}
