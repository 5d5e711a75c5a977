/**
 * The requesting agency's work on a notice request: the form and its saving (never losing what was typed), photos
 * (upload, removal, the bytes), and submission for review with the automatic checks' findings beside the fields.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue, type MessageValues } from '../../core/errors.ts';
import { editableStatuses, parseRequestFacts } from '../../core/notice-requests.ts';
import { noticeKinds } from '../../core/notices.ts';
import { photoSizes, type PhotoSize } from '../../core/photos.ts';
import type { Principal } from '../../core/principal.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { getNoticeRequest, type RequestView } from '../../services/notice-requests/get-notice-request.ts';
import { addRequestPhoto, getRequestPhoto, removeRequestPhoto } from '../../services/notice-requests/request-photos.ts';
import { saveNoticeRequest, type SavedRequest } from '../../services/notice-requests/save-notice-request.ts';
import { submitNoticeRequest } from '../../services/notice-requests/submit-notice-request.ts';
import type { DbHandle } from '../../services/db-handle.ts';
import type { AppEnv } from '../context.ts';
import { keptForm } from '../pipeline/kept-forms.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { StatusBadge } from '../views/portal/parts/badge.tsx';
import { Banner, ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { addedRowAnchor, RequestFormView, type RowLists } from '../views/portal/request-form-view.tsx';
import { factsFromForm, formFromFacts, inputIdOf, readRequestForm, type RequestForm } from './request-form.ts';
import { registerRequestListPages, signedIn, statusTone } from './request-list.tsx';
import { renderPortal } from './render.tsx';

const requestParams = z.object({ id: z.string().regex(/^[0-9a-z]{26}$/) });
const photoParams = requestParams.extend({ photoId: z.string().regex(/^[0-9a-z]{26}$/) });
const photoSizeParams = photoParams.extend({ size: z.enum(Object.keys(photoSizes) as [PhotoSize, ...PhotoSize[]]) });

const editQuery = z.object({
  saved: z.string().max(5).optional(),
  photo: z.enum(['added', 'removed']).optional().catch(undefined),
  add: z.enum(['aliases', 'documents', 'warrants']).optional().catch(undefined),
});

/** Every field of the form as posted; its meaning is read by `readRequestForm`, its rules are the use case's. */
const fieldValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100)]);
const typedForm = z.record(z.string().max(100), fieldValue);
const uploadForm = z.record(z.string().max(100), z.union([fieldValue, z.instanceof(File)]));
type Posted = Record<string, unknown>;

const intents = ['save', 'check', 'add_alias', 'add_document', 'add_warrant'] as const;
const addedList: Partial<Record<(typeof intents)[number], RowLists>> = { add_alias: 'aliases', add_document: 'documents', add_warrant: 'warrants' };

const posted = (body: Posted, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/** A refusal shown on the form: which heading the summary has, and for photos the upload's own message. */
type Refusal = { reason: 'invalid' | 'not_ready' | 'photo'; issues: FieldIssue[]; photo?: { key: string; values: MessageValues } };

type EditPage = {
  view: RequestView;
  form: RequestForm;
  refusal?: Refusal;
  /** What the automatic checks still find, after "Save and check". */
  toDo?: FieldIssue[];
  saved?: boolean;
  photo?: 'added' | 'removed';
  more?: RowLists;
  /** The form was filled from what the officer posted after their session had ended. */
  restored?: boolean;
};

type Outcome = { page: EditPage } | { redirect: string };

const notFound = () => new AppError('not_found', 'error.detail.resource_not_found');

/**
 * The request as its own agency works on it. Another agency's request is "not found" here even when it circulates:
 * only its agency edits it, and reading it elsewhere is a consultation with a purpose (the request page asks for one).
 */
async function ownRequest(db: DbHandle, principal: Principal, id: string): Promise<RequestView> {
  let view: RequestView;
  try {
    view = await getNoticeRequest(db, principal, id, undefined);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') throw notFound();
    throw err;
  }
  if (view.request.agencyId !== principal.agencyId) throw notFound();
  return view;
}

type Typed = { ok: true; saved: SavedRequest } | { ok: false; form: RequestForm; issues: FieldIssue[] };

/**
 * Saves what the form holds. A field the form cannot read (a number that is not one) and a field breaking its own rule
 * are reported together, and then nothing is saved: the officer corrects them on the form as typed.
 */
async function saveTyped(db: DbHandle, principal: Principal, id: string, body: Posted, now: Date): Promise<Typed> {
  const kind = noticeKinds.find((k) => k === posted(body, 'kind'));
  if (!kind) throw new AppError('bad_request', 'error.validation_failed.message');
  const form = readRequestForm(body);
  const { facts, problems } = factsFromForm(form, kind);
  if (problems.length > 0) {
    const checked = parseRequestFacts(facts);
    return { ok: false, form, issues: [...problems, ...(checked.ok ? [] : checked.issues)] };
  }
  try {
    return { ok: true, saved: await saveNoticeRequest(db, principal, id, facts, now) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') return { ok: false, form, issues: err.issues };
    throw err;
  }
}

/** The form posted along with a photo, a removal or a submission (its buttons say so with `intent`), saved first. */
const carriesForm = (body: Posted): boolean => posted(body, 'intent') !== '';

const refusedPage = async (db: DbHandle, principal: Principal, id: string, typed: Extract<Typed, { ok: false }>): Promise<Outcome> => ({
  page: { view: await ownRequest(db, principal, id), form: typed.form, refusal: { reason: 'invalid', issues: typed.issues } },
});

/** A catalog key is translated; a rule's own wording (the facts' schema speaks English) is shown as it is. */
const say = (tr: Translator, message: string, values?: MessageValues): string => (tr.knows(message) ? tr.t(message, values) : message);

/** A field's name for the summary, with its row (`Date of the warrant, warrant 2`). */
function fieldName(tr: Translator, path: string): string {
  const parts = path.split('.');
  const named = parts.filter((p) => !/^\d+$/.test(p));
  const last = named[named.length - 1] ?? path;
  const label = tr.knows(`requests.field.${last}`) ? tr.t(`requests.field.${last}`) : last;
  const row = parts.length >= 3 && /^\d+$/.test(parts[1] ?? '') ? Number(parts[1]) : undefined;
  return row === undefined ? label : tr.t('requests.form.in_row', { field: label, row: tr.t(`requests.form.row.${parts[0]}`, { n: row + 1 }) });
}

/**
 * The summary's line for a problem: the automatic checks' sentences name their field and stand alone (with their row);
 * any other message (a rule's wording, the form's own) gets the field's name.
 */
function summaryText(tr: Translator, issue: FieldIssue): string {
  if (!issue.message.startsWith('notice_request.')) return `${fieldName(tr, issue.field)}: ${say(tr, issue.message)}`;
  const parts = issue.field.split('.');
  if (parts.length >= 3 && /^\d+$/.test(parts[1] ?? '')) return `${tr.t(`requests.form.row.${parts[0]}`, { n: Number(parts[1]) + 1 })}: ${tr.t(issue.message)}`;
  return tr.t(issue.message);
}

function editPage(c: Context<AppEnv>, page: EditPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const { view, form, refusal, toDo } = page;
  const r = view.request;
  const id = r.id;
  const issues = refusal?.issues ?? [];
  const errors = new Map<string, string>();
  for (const issue of [...issues, ...(toDo ?? [])]) {
    const key = inputIdOf(issue.field);
    const text = say(tr, issue.message);
    errors.set(key, errors.has(key) ? `${errors.get(key)} ${text}` : text);
  }
  const photoProblem = refusal?.photo ? say(tr, refusal.photo.key, refusal.photo.values) : undefined;
  if (photoProblem) errors.set('f-photo', photoProblem);
  const summary = [
    ...issues.map((i) => ({ field: inputIdOf(i.field), text: summaryText(tr, i) })),
    ...(photoProblem ? [{ field: 'f-photo', text: photoProblem }] : []),
  ];
  const name = `${form.forename} ${form.familyName}`.trim();
  const title = t(`requests.form.title.${r.kind}`);
  const summaryTitle =
    refusal?.reason === 'not_ready' ? t('requests.form.not_ready_title', { count: issues.length }) : refusal?.reason === 'photo' && issues.length === 0 ? t('requests.form.photo_refused') : t('portal.form.problem');
  return renderPortal(
    c,
    name ? `${title}: ${name}` : title,
    <>
      <PageHeader
        title={name ? `${title}: ${name}` : title}
        crumbs={[
          { href: portalPath(c, '/'), label: t('portal.nav.home') },
          { href: portalPath(c, '/requests'), label: t('requests.list.title') },
          { href: portalPath(c, `/requests/${id}`), label: t('requests.form.crumb_request') },
        ]}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={
          <>
            <StatusBadge tone={statusTone(r.status)} text={t(`requests.status.${r.status}`)} /> {t('requests.form.lead')}
          </>
        }
      />
      <ErrorSummary title={summaryTitle} messages={summary} />
      {refusal?.reason === 'invalid' ? <p class="form-kept">{t('notice_request.error.invalid_fields')}</p> : null}
      {refusal?.reason === 'not_ready' ? <p class="form-kept">{t('requests.form.not_ready_text')}</p> : null}
      {page.restored ? (
        <Banner tone="info" title={t('requests.form.restored_title')}>
          <p>{t('requests.form.restored_text')}</p>
        </Banner>
      ) : null}
      {page.saved && !refusal ? <Banner tone="success" title={t('requests.form.saved')} /> : null}
      {page.photo ? <Banner tone="success" title={t(`requests.form.photo_${page.photo}`)} /> : null}
      {toDo ? (
        toDo.length === 0 ? (
          <Banner tone="success" title={t('requests.form.ready_title')}>
            <p>{t('requests.form.ready_text')}</p>
          </Banner>
        ) : (
          <Banner tone="info" title={t('requests.form.todo_title', { count: toDo.length })}>
            <ul>
              {toDo.map((i) => (
                <li>
                  <a href={`#${inputIdOf(i.field)}`}>{summaryText(tr, i)}</a>
                </li>
              ))}
            </ul>
          </Banner>
        )
      ) : null}
      <RequestFormView
        tr={tr}
        csrfToken={c.get('csrfToken')}
        kind={r.kind}
        form={form}
        photos={view.photos}
        errors={errors}
        more={page.more}
        homeCountry={c.get('principal')?.country ?? ''}
        paths={{
          save: portalPath(c, `/requests/${id}`),
          submit: portalPath(c, `/requests/${id}/submit`),
          upload: portalPath(c, `/requests/${id}/photos`),
          remove: (photoId) => portalPath(c, `/requests/${id}/photos/${photoId}/remove`),
          photo: (photoId) => portalPath(c, `/requests/${id}/photos/${photoId}/thumb`),
        }}
      />
    </>,
    { status: refusal ? 400 : 200 },
  );
}

const answer = (c: Context<AppEnv>, out: Outcome): Promise<Response> | Response => ('redirect' in out ? c.redirect(portalPath(c, out.redirect), 303) : editPage(c, out.page));

/** The upload's own refusals (type, size, dimensions, damaged, too many photos) belong beside the file field. */
const isPhotoRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.code === 'unsupported_media_type' || err.code === 'payload_too_large' || err.key === 'notice_request.error.too_many_photos');

export function registerRequestEditPages(routes: Routes): void {
  registerRequestListPages(routes);

  // Opening the form reads the request's personal data: the use case records the consultation.
  routes.portalPage('/portal/requests/:id/edit', {
    authorise: 'notices.submit',
    transaction: 'request',
    audit: 'use-case',
    input: { params: requestParams, query: editQuery },
    run: async ({ db, principal, input }): Promise<Outcome> => {
      const view = await ownRequest(db, signedIn(principal), input.params.id);
      // Nothing to edit in review or once published (an update is started from the request's page): show the request.
      if (!editableStatuses.has(view.request.status)) return { redirect: `/requests/${view.request.id}` };
      const q = input.query;
      return { page: { view, form: formFromFacts(view.request.facts), saved: q.saved !== undefined, photo: q.photo, more: q.add } };
    },
    render: async (c, out) => {
      if ('redirect' in out) return answer(c, out);
      // A form posted after the session ended was kept by the pipeline; it comes back here, once, over the saved copy.
      const id = out.page.view.request.id;
      for (const action of [`/portal/requests/${id}`, `/portal/requests/${id}/submit`, `/portal/requests/${id}/photos`]) {
        const kept = await keptForm(c, action);
        if (kept) return editPage(c, { ...out.page, form: readRequestForm(kept.fields), saved: false, restored: true });
      }
      return editPage(c, out.page);
    },
  });

  // A refused save writes nothing, and the use case audits what it saves.
  routes.portalAction('/portal/requests/:id', {
    keepOnExpiry: true,
    authorise: 'notices.submit',
    audit: 'use-case',
    input: { params: requestParams, body: typedForm },
    run: async ({ db, principal, input, meta }): Promise<Outcome> => {
      const p = signedIn(principal);
      const id = input.params.id;
      const intent = intents.find((i) => i === posted(input.body, 'intent')) ?? 'save';
      const typed = await saveTyped(db, p, id, input.body, meta.now);
      if (!typed.ok) return refusedPage(db, p, id, typed);
      if (intent === 'check') return { page: { view: await ownRequest(db, p, id), form: formFromFacts(typed.saved.request.facts), toDo: typed.saved.toDo, saved: true } };
      const list = addedList[intent];
      if (!list) return { redirect: `/requests/${id}/edit?saved=1` };
      return { redirect: `/requests/${id}/edit?saved=1&add=${list}#${addedRowAnchor(list, typed.saved.request.facts[list].length)}` };
    },
    render: answer,
  });

  // Image work runs outside any transaction (the use case's rule), so the route holds none.
  routes.portalAction('/portal/requests/:id/photos', {
    keepOnExpiry: true,
    authorise: 'notices.submit',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: requestParams, body: uploadForm },
    run: async ({ db, principal, input, meta, deps }): Promise<Outcome> => {
      const p = signedIn(principal);
      const id = input.params.id;
      const body = input.body;
      if (carriesForm(body)) {
        const typed = await saveTyped(db, p, id, body, meta.now);
        if (!typed.ok) {
          const view = await ownRequest(db, p, id);
          return { page: { view, form: typed.form, refusal: { reason: 'invalid', issues: typed.issues, photo: { key: 'requests.form.photo_not_added', values: {} } } } };
        }
      }
      const file = body.photo;
      const refused = async (key: string, values: MessageValues): Promise<Outcome> => {
        const view = await ownRequest(db, p, id);
        return { page: { view, form: formFromFacts(view.request.facts), refusal: { reason: 'photo', issues: [], photo: { key, values } } } };
      };
      if (!(file instanceof File) || file.size === 0) return refused('requests.form.error.photo_missing', {});
      // The declared type is only a claim, checked against the bytes; a browser that knows none says octet-stream.
      const declared = file.type.startsWith('image/') ? file.type : undefined;
      try {
        await addRequestPhoto(db, deps.photoStore, p, id, new Uint8Array(await file.arrayBuffer()), declared, meta.now);
      } catch (err) {
        if (isPhotoRefusal(err)) return refused(err.key, err.values);
        throw err;
      }
      return { redirect: `/requests/${id}/edit?photo=added#f-photos` };
    },
    render: answer,
  });

  routes.portalAction('/portal/requests/:id/photos/:photoId/remove', {
    keepOnExpiry: true,
    authorise: 'notices.submit',
    audit: 'use-case',
    input: { params: photoParams, body: typedForm },
    run: async ({ db, principal, input, meta }): Promise<Outcome> => {
      const p = signedIn(principal);
      const { id, photoId } = input.params;
      if (carriesForm(input.body)) {
        const typed = await saveTyped(db, p, id, input.body, meta.now);
        if (!typed.ok) return refusedPage(db, p, id, typed);
      }
      await removeRequestPhoto(db, p, id, photoId, meta.now);
      return { redirect: `/requests/${id}/edit?photo=removed#f-photos` };
    },
    render: answer,
  });

  // Read by everyone who may see the request (its agency, reviewers, and every agency once it circulates).
  routes.portalPage('/portal/requests/:id/photos/:photoId/:size', {
    authorise: 'notices.read',
    input: { params: photoSizeParams, query: z.object({ purpose: z.string().max(1000).optional() }) },
    // Recorded as a consultation; the pages showing the photo pass on the purpose their own reading was recorded with.
    audit: 'use-case',
    run: ({ db, principal, input, deps }) =>
      getRequestPhoto(db, deps.photoStore, signedIn(principal), input.params.id, input.params.photoId, input.params.size, input.query.purpose),
    // The pipeline marks every portal answer `no-store`, so the photo of a person is never kept by any cache.
    render: (c, photo) => c.body(new Uint8Array(photo.data), 200, { 'Content-Type': photo.contentType }),
  });

  // The form is saved in its own step first, so what was typed is kept even when the checks refuse the submission.
  routes.portalAction('/portal/requests/:id/submit', {
    keepOnExpiry: true,
    authorise: 'notices.submit',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: requestParams, body: typedForm },
    run: async ({ db, principal, input, meta, deps }): Promise<Outcome> => {
      const p = signedIn(principal);
      const id = input.params.id;
      if (carriesForm(input.body)) {
        const typed = await saveTyped(db, p, id, input.body, meta.now);
        if (!typed.ok) return refusedPage(db, p, id, typed);
      }
      try {
        await submitNoticeRequest(db, deps.noticeIndex, p, id, meta.now);
      } catch (err) {
        if (!(err instanceof AppError) || err.key !== 'notice_request.error.not_ready') throw err;
        const view = await ownRequest(db, p, id);
        return { page: { view, form: formFromFacts(view.request.facts), refusal: { reason: 'not_ready', issues: err.issues } } };
      }
      return { redirect: `/requests/${id}?submitted=1` };
    },
    render: answer,
  });
}
