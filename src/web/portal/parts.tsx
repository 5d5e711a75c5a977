/** The portal's parts page: every part of src/web/views/portal/parts shown once, so new pages are built from the same pieces. */
import type { Child } from 'hono/jsx';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { StatusBadge, type BadgeTone } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { Checkbox, SelectField, TextField } from '../views/portal/parts/fields.tsx';
import { Banner, ErrorSummary, Notice } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { SummaryList } from '../views/portal/parts/summary-list.tsx';
import { Timeline } from '../views/portal/parts/timeline.tsx';
import { renderPortal } from './render.tsx';

type SampleRow = { code: string; name: string; country: string; tone: BadgeTone; status: string };

export function registerPartsPage(routes: Routes): void {
  routes.portalPage('/portal/parts', {
    authorise: 'portal.use',
    run: async () => undefined,
    render: (c) => {
      const tr = c.get('tr');
      const t = tr.t;
      const home = { href: portalPath(c, '/'), label: t('portal.nav.home') };
      const rows: SampleRow[] = [
        { code: 'BE-FPJ', name: t('portal.parts.sample_agency_1'), country: tr.country('BE'), tone: 'active', status: t('portal.status.active') },
        { code: 'FR-DGD', name: t('portal.parts.sample_agency_2'), country: tr.country('FR'), tone: 'inactive', status: t('portal.status.disabled') },
        { code: 'NL-KMR', name: t('portal.parts.sample_agency_3'), country: tr.country('NL'), tone: 'warning', status: t('portal.status.invited') },
      ];
      const part = (id: string, body: Child) => (
        <section class="part" aria-labelledby={`part-${id}`}>
          <h2 id={`part-${id}`}>{t(`portal.parts.${id}`)}</h2>
          <p>{t(`portal.parts.${id}_use`)}</p>
          {body}
        </section>
      );
      return renderPortal(
        c,
        t('portal.parts.title'),
        <>
          <PageHeader title={t('portal.parts.title')} crumbs={[home]} crumbsLabel={t('portal.breadcrumbs')} lead={t('portal.parts.intro')} />
          <p class="prose">{t('portal.parts.patterns')}</p>
          {part('header', <PageHeader title={t('portal.parts.sample_title')} crumbs={[home, { href: portalPath(c, '/parts'), label: t('portal.parts.title') }]} crumbsLabel={t('portal.parts.sample_crumbs')} lead={t('portal.parts.sample_lead')} example />)}
          {part(
            'buttons',
            <div class="button-group">
              <button type="button">{t('portal.parts.button_primary')}</button>
              <button type="button" class="secondary">{t('portal.parts.button_secondary')}</button>
              <button type="button" class="warning">{t('portal.parts.button_warning')}</button>
              <a class="button secondary" href={portalPath(c, '/parts')}>{t('portal.parts.button_link')}</a>
            </div>,
          )}
          {part(
            'fields',
            <form method="get" action={portalPath(c, '/parts')}>
              <TextField id="p-name" label={t('portal.field.name')} hint={t('portal.parts.hint')} input={{ name: 'name', autocomplete: 'off' }} />
              <TextField id="p-days" label={t('apikeys.days')} error={t('portal.parts.sample_error')} input={{ name: 'days', type: 'number', value: '0' }} />
              <SelectField id="p-country" name="country" label={t('portal.field.country')} options={rows.map((r) => ({ value: r.code, label: r.country }))} selected="FR-DGD" />
              <fieldset>
                <legend>{t('portal.field.roles')}</legend>
                <Checkbox id="p-officer" name="roles" value="officer" label={t('portal.role.officer')} checked />
                <Checkbox id="p-auditor" name="roles" value="auditor" label={t('portal.role.auditor')} />
              </fieldset>
            </form>,
          )}
          {part('errors', <ErrorSummary title={t('portal.form.problem')} messages={[{ field: 'p-days', text: t('portal.parts.sample_error') }]} />)}
          {part(
            'banners',
            <>
              <Notice text={t('portal.account.saved')} />
              <Banner tone="info" title={t('portal.parts.sample_info_title')}>
                <p>{t('portal.parts.sample_info')}</p>
              </Banner>
            </>,
          )}
          {part(
            'badges',
            <p class="button-group">
              {rows.map((r) => (
                <StatusBadge tone={r.tone} text={r.status} />
              ))}
              <StatusBadge tone="info" text={t('apikeys.read_only')} />
              <StatusBadge tone="danger" text={t('apikeys.revoked')} />
            </p>,
          )}
          {part(
            'table',
            <DataTable
              caption={t('portal.admin.agencies_caption')}
              rows={rows}
              columns={[
                { label: t('portal.field.code'), cell: (r) => <code>{r.code}</code> },
                { label: t('portal.field.name'), cell: (r) => r.name },
                { label: t('portal.field.country'), cell: (r) => r.country },
                { label: t('portal.field.status'), cell: (r) => <StatusBadge tone={r.tone} text={r.status} /> },
              ]}
            />,
          )}
          {part(
            'summary',
            <SummaryList
              rows={[
                [t('portal.field.name'), t('portal.parts.sample_agency_1')],
                [t('portal.field.country'), tr.country('BE')],
                [t('portal.field.status'), <StatusBadge tone="active" text={t('portal.status.active')} />],
              ]}
            />,
          )}
          {part(
            'empty',
            <EmptyState title={t('apikeys.none')}>
              <p>{t('portal.parts.sample_empty')}</p>
            </EmptyState>,
          )}
          {part(
            'timeline',
            <Timeline
              tr={tr}
              label={t('portal.parts.timeline')}
              events={[
                { at: '2026-11-02T09:15:00Z', title: t('portal.parts.timeline_drafted'), actor: t('portal.parts.sample_agency_1') },
                { at: '2026-11-03T14:40:00Z', title: t('portal.parts.timeline_returned'), actor: t('portal.parts.timeline_reviewer'), body: <p>{t('portal.parts.timeline_comment')}</p> },
                { at: '2026-11-05T08:05:00Z', title: t('portal.parts.timeline_published'), actor: t('portal.parts.timeline_reviewer') },
              ]}
            />,
          )}
          {part('navigation', <p>{t('portal.parts.navigation_text')}</p>)}
        </>,
      );
    },
  });
}
