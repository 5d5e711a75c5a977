/** The "Help us find" page: introduction, search form, result count, result cards, pagination or an empty state with advice. */
import type { NoticeSummary } from '../../../core/notices.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { localPath } from '../layout.tsx';
import { NoticeCard, type MatchReason } from './card.tsx';
import { Pagination } from './pagination.tsx';
import { ErrorSummary, SearchForm, type FormErrors, type HeldNationalities } from './search-form.tsx';

export type NoticeHit = { notice: NoticeSummary; why?: readonly MatchReason[] | undefined };

/** A filter in use, shown above the results with a link to the same search without it. */
export type ActiveFilter = { label: string; value: string; removeHref: string };

export type ResultsView = {
  filters: readonly ActiveFilter[];
  total: number;
  page: number;
  pages: number;
  hits: readonly NoticeHit[];
  /** Link to another page of the same search. */
  href: (page: number) => string;
  today: Date;
};

function Results(props: { tr: Translator; results: ResultsView }) {
  const { tr, results: r } = props;
  const t = tr.t;
  return (
    <section class="notice-results" aria-labelledby="results-title">
      <h2 id="results-title">{t('notices.results.title')}</h2>
      <p class="result-count">
        {t('notices.results.count', { count: r.total })}
        {r.pages > 1 ? ` · ${t('notices.results.page', { page: r.page, pages: r.pages })}` : ''}
      </p>
      {r.filters.length > 0 ? (
        <div class="active-filters">
          <h3 id="active-filters-title">{t('notices.filters.active')}</h3>
          <ul aria-labelledby="active-filters-title">
            {r.filters.map((f) => (
              <li>
                <a href={f.removeHref} aria-label={t('notices.filters.remove', { filter: `${f.label}: ${f.value}` })}>
                  <span class="filter-label">{f.label}:</span> {f.value} <span aria-hidden="true">×</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.total === 0 ? (
        <div class="empty-state">
          <h3>{t('notices.empty.title')}</h3>
          <ul>
            <li>{t('notices.empty.fewer')}</li>
            <li>{t('notices.empty.spelling')}</li>
            <li>{t('notices.empty.scripts')}</li>
          </ul>
          <p>
            <a href={localPath(tr.lang, '/notices')}>{t('notices.empty.all')}</a>
          </p>
        </div>
      ) : (
        <>
          <ul class="notice-list">
            {r.hits.map((h) => (
              <NoticeCard tr={tr} notice={h.notice} today={r.today} why={h.why} />
            ))}
          </ul>
          <Pagination tr={tr} page={r.page} pages={r.pages} href={r.href} />
        </>
      )}
    </section>
  );
}

export function NoticeListPage(props: {
  tr: Translator;
  values: Readonly<Record<string, string>>;
  errors: FormErrors;
  results: ResultsView | null;
  nationalities: HeldNationalities;
}) {
  const { tr } = props;
  return (
    <div class="notices-page">
      <h1>{tr.t('notices.title')}</h1>
      <p class="lead">{tr.t('notices.intro')}</p>
      <ErrorSummary tr={tr} errors={props.errors} />
      <SearchForm tr={tr} values={props.values} errors={props.errors} nationalities={props.nationalities} />
      {props.results ? <Results tr={tr} results={props.results} /> : null}
    </div>
  );
}

/** Shown with 404 when a results page past the last one is asked for. */
export function PageOutOfRange(props: { tr: Translator; page: number; pages: number; firstHref: string; lastHref: string }) {
  const t = props.tr.t;
  return (
    <section class="error-page page-missing">
      <h1>{t('notices.page_missing.title')}</h1>
      <p>{t('notices.page_missing.message', { page: props.page, pages: props.pages })}</p>
      <ul>
        <li>
          <a href={props.firstHref}>{t('notices.page_missing.first')}</a>
        </li>
        {props.pages > 1 ? (
          <li>
            <a href={props.lastHref}>{t('notices.page_missing.last')}</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
