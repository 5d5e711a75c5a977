/** Opening a case from the portal: the form, rows that grow without JavaScript, refusals shown on the form as typed, and the case opened. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { listCaseRecipients, type CaseRecipient } from '../../services/cases/list-case-recipients.ts';
import { openCase } from '../../services/cases/open-case.ts';
import type { AppEnv } from '../context.ts';
import { keptForm } from '../pipeline/kept-forms.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { CaseFormView } from '../views/portal/case-form-view.tsx';
import { Banner, ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { anchorOf, blankCaseForm, checkCaseForm, formPathOf, readCaseForm, type CaseForm, type RowList } from './case-form.ts';
import { signedIn } from './request-list.tsx';
import { renderPortal } from './render.tsx';

/** Every field of the form as posted; its meaning is read by `readCaseForm`, its rules are the case's. */
const typedForm = z.record(z.string().max(100), z.union([z.string().max(20_000), z.array(z.string().max(200)).max(100)]));

const addIntents: Readonly<Record<string, RowList>> = { add_persons: 'persons', add_documents: 'documents', add_vehicles: 'vehicles' };

type FormPage = {
  form: CaseForm;
  recipients: CaseRecipient[];
  issues?: FieldIssue[];
  more?: RowList;
  /** The form was filled from what the officer posted after their session had ended. */
  restored?: boolean;
};

type Outcome = { page: FormPage } | { opened: string };

/** A catalog key is translated; a rule's own wording (the case schema speaks English) is shown as it is. */
const say = (tr: Translator, message: string): string => (tr.knows(message) ? tr.t(message) : message);

/** The row a problem is in, as the reader sees it (`Person 2`), if it is in one. */
function rowOf(tr: Translator, path: string): string | undefined {
  const [list, index] = path.split('.');
  return (list === 'persons' || list === 'documents' || list === 'vehicles') && /^\d+$/.test(index ?? '') ? tr.t(`cases.form.row.${list}`, { n: Number(index) + 1 }) : undefined;
}

/**
 * The summary's line: the form's own sentences say what to do and stand alone (with their row); a rule's wording gets
 * the field's name first.
 */
function summaryText(tr: Translator, issue: FieldIssue): string {
  const row = rowOf(tr, issue.field);
  const last = issue.field.split('.').pop() ?? issue.field;
  const label = last === 'linkedRequests' ? 'linkedRequestIds' : last;
  const text = tr.knows(issue.message) ? tr.t(issue.message) : `${tr.knows(`cases.field.${label}`) ? tr.t(`cases.field.${label}`) : label}: ${issue.message}`;
  return row ? `${row}: ${text}` : text;
}

function formPage(c: Context<AppEnv>, page: FormPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const issues = page.issues ?? [];
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const text = say(tr, issue.message);
    errors.set(issue.field, errors.has(issue.field) ? `${errors.get(issue.field)} ${text}` : text);
  }
  return renderPortal(
    c,
    t('cases.form.title'),
    <>
      <PageHeader
        title={t('cases.form.title')}
        crumbs={[
          { href: portalPath(c, '/'), label: t('portal.nav.home') },
          { href: portalPath(c, '/cases'), label: t('cases.list.title') },
        ]}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={t('cases.form.lead')}
      />
      <ErrorSummary title={t('portal.form.problem')} messages={issues.map((i) => ({ field: anchorOf(i.field), text: summaryText(tr, i) }))} />
      {issues.length > 0 ? <p class="form-kept">{t('cases.form.nothing_sent')}</p> : null}
      {page.restored ? (
        <Banner tone="info" title={t('cases.form.restored_title')}>
          <p>{t('cases.form.restored_text')}</p>
        </Banner>
      ) : null}
      <CaseFormView tr={tr} csrfToken={c.get('csrfToken')} action={portalPath(c, '/cases')} form={page.form} errors={errors} recipients={page.recipients} more={page.more} />
    </>,
    { status: issues.length > 0 ? 400 : 200 },
  );
}

const answer = (c: Context<AppEnv>, out: Outcome): Promise<Response> | Response =>
  'opened' in out ? c.redirect(portalPath(c, `/cases/${out.opened}?opened=1`), 303) : formPage(c, out.page);

export function registerCaseNewPages(routes: Routes): void {
  routes.portalPage('/portal/cases/new', {
    authorise: 'cases.exchange',
    run: async ({ db, principal }): Promise<FormPage> => ({ form: blankCaseForm(), recipients: await listCaseRecipients(db, signedIn(principal)) }),
    render: async (c, page) => {
      // A case posted after the session ended was kept by the pipeline; it comes back here, once.
      const kept = await keptForm(c, '/portal/cases');
      return formPage(c, kept ? { ...page, form: readCaseForm(kept.fields), restored: true } : page);
    },
  });

  // The use case syncs the name index before its own transaction (the cross-check reads it), so the route holds none;
  // a refused form writes nothing, and the use case audits the case it opens.
  routes.portalAction('/portal/cases', {
    keepOnExpiry: true,
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: typedForm },
    run: async ({ db, principal, input, meta, deps }): Promise<Outcome> => {
      const p = signedIn(principal);
      const form = readCaseForm(input.body);
      const recipients = await listCaseRecipients(db, p);
      const intent = input.body.intent;
      const more = typeof intent === 'string' ? addIntents[intent] : undefined;
      if (more) return { page: { form, recipients, more } };
      const checked = checkCaseForm(form);
      if (checked.issues.length > 0) return { page: { form, recipients, issues: checked.issues } };
      try {
        return { opened: (await openCase(db, deps.noticeIndex, p, checked.input, meta.now)).id };
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation_failed' || err.issues.length === 0) throw err;
        return { page: { form, recipients, issues: err.issues.map((i) => ({ field: formPathOf(i.field, checked.entityRows), message: i.message })) } };
      }
    },
    render: answer,
  });
}
