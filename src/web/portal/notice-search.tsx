/** The portal's search of notices: every circulating notice (public or not) or the agency's own requests, by name and filters, with a stated purpose. */
import type { Context } from 'hono';
import { z } from 'zod';
import { countryOptions } from '../../core/countries.ts';
import { crimeCategoryCodes } from '../../core/crime-categories.ts';
import type { FieldIssue } from '../../core/errors.ts';
import { noticeKinds, sexes } from '../../core/notices.ts';
import { searchPortalNotices, type PortalHit } from '../../services/notice-requests/search-portal-notices.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { countryList, crimeLabel, kindLabel, sexLabel } from '../views/notices/labels.ts';
import { StatusBadge } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { SelectField, TextField } from '../views/portal/parts/fields.tsx';
import { ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { purposeRefusal, requestName, RequestStatusBadge } from '../views/portal/request-parts.tsx';
import { ChoiceGroup } from '../views/portal/parts/form-controls.tsx';
import { renderPortal } from './render.tsx';
import { reader } from './request-review.tsx';

const country = z.string().regex(/^[A-Z]{2}$/);
const age = z.coerce.number().int().min(0).max(150);

const querySchema = z.object({
  purpose: z.string().max(1000).optional(),
  name: z.string().trim().max(200).optional(),
  kind: z.enum(noticeKinds).optional(),
  nationality: country.optional(),
  sex: z.enum(sexes).optional(),
  wantedBy: country.optional(),
  crimeCategory: z.enum(crimeCategoryCodes).optional(),
  ageMin: age.optional(),
  ageMax: age.optional(),
  scope: z.enum(['circulating', 'own']).default('circulating'),
});
type SearchQuery = z.output<typeof querySchema>;

/** Empty fields mean "any"; an empty purpose is kept, to be refused with its message. */
const searchQuery = z.preprocess(
  (v) => Object.fromEntries(Object.entries(v as Record<string, string>).filter(([k, x]) => x !== '' || k === 'purpose')),
  querySchema,
);

/** The form's values as typed (strings), so a refused search comes back as it was written. */
type Typed = Partial<Record<keyof SearchQuery, string>>;

const typedOf = (raw: Record<string, unknown>): Typed =>
  Object.fromEntries(Object.keys(querySchema.shape).flatMap((k) => (typeof raw[k] === 'string' ? [[k, raw[k]]] : []))) as Typed;

const typedFromQuery = (q: SearchQuery): Typed =>
  Object.fromEntries(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))) as Typed;

type Found = { total: number; hits: PortalHit[]; purpose: string };

type SearchPage = { values: Typed; found: Found | undefined; problems: FieldIssue[] };

const inputIds: Partial<Record<string, string>> = { purpose: 's-purpose', name: 's-name', ageMin: 's-ageMin', ageMax: 's-ageMax' };

function SearchForm(props: { c: Context<AppEnv>; values: Typed; problems: FieldIssue[] }) {
  const { c, values, problems } = props;
  const tr = c.get('tr');
  const t = tr.t;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const any = { value: '', label: t('requests.search.any') };
  const countries = [any, ...countryOptions(tr.lang).map((o) => ({ value: o.code, label: o.name }))];
  return (
    <form method="get" action={portalPath(c, '/notices')} class="filters">
      <TextField
        id="s-purpose"
        label={t('requests.search.purpose')}
        hint={t('requests.search.purpose_hint')}
        error={errorOf('purpose')}
        input={{ name: 'purpose', value: values.purpose ?? '', required: true, minlength: 3, maxlength: 200 }}
      />
      <TextField id="s-name" label={t('requests.search.name')} hint={t('requests.search.name_hint')} error={errorOf('name')} input={{ name: 'name', type: 'search', value: values.name ?? '', maxlength: 200 }} />
      <fieldset>
        <legend>{t('requests.search.filters')}</legend>
        <SelectField id="s-kind" name="kind" label={t('requests.field.kind')} selected={values.kind ?? ''} options={[any, ...noticeKinds.map((k) => ({ value: k, label: kindLabel(tr, k) }))]} />
        <SelectField id="s-sex" name="sex" label={t('requests.field.sex')} selected={values.sex ?? ''} options={[any, ...sexes.map((s) => ({ value: s, label: sexLabel(tr, s) }))]} />
        <SelectField id="s-nationality" name="nationality" label={t('requests.search.nationality')} selected={values.nationality ?? ''} options={countries} />
        <SelectField id="s-wantedBy" name="wantedBy" label={t('requests.search.wanted_by')} selected={values.wantedBy ?? ''} options={countries} />
        <SelectField
          id="s-crimeCategory"
          name="crimeCategory"
          label={t('requests.field.crimeCategory')}
          selected={values.crimeCategory ?? ''}
          options={[any, ...crimeCategoryCodes.map((code) => ({ value: code, label: crimeLabel(tr, code) }))]}
        />
        <div class="age-range">
          <TextField id="s-ageMin" label={t('requests.search.age_min')} error={errorOf('ageMin')} input={{ name: 'ageMin', type: 'number', min: 0, max: 150, inputmode: 'numeric', value: values.ageMin ?? '' }} />
          <TextField id="s-ageMax" label={t('requests.search.age_max')} error={errorOf('ageMax')} input={{ name: 'ageMax', type: 'number', min: 0, max: 150, inputmode: 'numeric', value: values.ageMax ?? '' }} />
        </div>
        <ChoiceGroup
          idPrefix="s-scope"
          name="scope"
          type="radio"
          legend={t('requests.search.scope')}
          options={(['circulating', 'own'] as const).map((s) => ({ value: s, label: t(`requests.search.scope_${s}`), checked: (values.scope ?? 'circulating') === s }))}
        />
      </fieldset>
      <button type="submit">{t('requests.search.submit')}</button>
    </form>
  );
}

/** Where the person is wanted by, or went missing: what tells two notices of the same name apart at a glance. */
function placesOf(hit: PortalHit): string[] {
  const f = hit.request.facts;
  if (f.kind === 'wanted') return [...new Set(f.warrants.map((w) => w.issuingCountry))];
  return f.disappearance?.country ? [f.disappearance.country] : [];
}

function Results(props: { c: Context<AppEnv>; found: Found }) {
  const { c, found } = props;
  const tr = c.get('tr');
  const t = tr.t;
  const link = (id: string) => `${portalPath(c, `/requests/${id}`)}?${new URLSearchParams({ purpose: found.purpose }).toString()}`;
  return (
    <>
      <p role="status">
        <strong>{t('requests.search.count', { count: found.total })}</strong>
        {found.hits.length < found.total ? ` ${t('requests.search.first', { shown: found.hits.length })}` : ''}
      </p>
      {found.hits.length === 0 ? (
        <EmptyState title={t('requests.search.none')}>
          <p>{t('requests.search.none_text')}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t('requests.search.caption')}
          rows={found.hits}
          columns={[
            {
              label: t('requests.search.col.name'),
              cell: (h) => (
                <>
                  <a href={link(h.request.id)}>{requestName(h.request.facts) || t('requests.view.unnamed')}</a>
                  {h.request.facts.nameOriginal ? <span class="muted"> · {h.request.facts.nameOriginal}</span> : null}
                </>
              ),
            },
            { label: t('requests.search.col.reference'), cell: (h) => h.request.reference ?? (h.request.facts.nationalReference || '—') },
            { label: t('requests.search.col.kind'), cell: (h) => kindLabel(tr, h.request.kind) },
            { label: t('requests.search.col.agency'), cell: (h) => (h.agency.name ? `${h.agency.name} (${h.agency.country})` : '—') },
            { label: t('requests.search.col.countries'), cell: (h) => (placesOf(h).length ? countryList(tr, placesOf(h)) : '—') },
            { label: t('requests.search.col.status'), cell: (h) => <RequestStatusBadge tr={tr} status={h.request.status} /> },
            {
              label: t('requests.search.col.match'),
              cell: (h) =>
                h.score === null ? (
                  '—'
                ) : (
                  <>
                    <StatusBadge tone={h.match ? 'active' : 'inactive'} text={t(h.match ? 'requests.search.match' : 'requests.search.similar')} />{' '}
                    {tr.number(h.score, { style: 'percent', maximumFractionDigits: 0 })}
                    {h.explanation ? <p class="match-explanation">{h.explanation}</p> : null}
                  </>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

function searchPage(c: Context<AppEnv>, page: SearchPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const { values, found, problems } = page;
  return renderPortal(
    c,
    t('requests.search.title'),
    <>
      <PageHeader title={t('requests.search.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('requests.search.lead')} />
      <ErrorSummary title={t('portal.form.problem')} messages={problems.map((p) => ({ field: inputIds[p.field], text: p.message }))} />
      <div class="with-filters">
        <SearchForm c={c} values={values} problems={problems} />
        <div class="results">
          {found ? (
            <Results c={c} found={found} />
          ) : (
            <EmptyState title={t('requests.search.first_title')}>
              <p>{t('requests.search.first_text')}</p>
            </EmptyState>
          )}
        </div>
      </div>
    </>,
    { status: problems.length > 0 ? 400 : 200 },
  );
}

export function registerNoticeSearchPages(routes: Routes): void {
  // A search reads other agencies' personal data: the use case records it with its purpose, and refuses it without one.
  routes.portalPage('/portal/notices', {
    authorise: 'notices.read',
    audit: 'use-case',
    input: { query: searchQuery },
    invalid: (c, issues, raw) => {
      const t = c.get('tr').t;
      const problems = issues.map((i) => ({ field: i.field, message: t('requests.search.invalid', { field: t(`requests.search.field_${inputIds[i.field] ? i.field : 'other'}`) }) }));
      return searchPage(c, { values: typedOf(raw), found: undefined, problems });
    },
    run: async ({ db, principal, input: { query: q }, meta, tr }): Promise<SearchPage> => {
      const values = typedFromQuery(q);
      if (q.purpose === undefined) return { values, found: undefined, problems: [] };
      try {
        return { values, found: await searchPortalNotices(db, reader(principal), { ...q, purpose: q.purpose }, meta.now), problems: [] };
      } catch (err) {
        const problem = purposeRefusal(tr, err);
        if (problem === undefined) throw err;
        return { values, found: undefined, problems: [{ field: 'purpose', message: problem }] };
      }
    },
    render: searchPage,
  });
}
