/** News and events: the summary used on lists and the home page, the paginated list, and one item's page. */
import type { Translator } from '../../../i18n/i18n.ts';
import type { NewsItem } from '../../../core/news.ts';
import { localPath } from '../layout.tsx';
import { RichText } from './text.tsx';

export const newsPath = (slug: string): string => `/news/${slug}`;

/** The item's language when it differs from the page's, so that screen readers switch voice. */
const otherLang = (tr: Translator, item: NewsItem): string | undefined => (item.lang === tr.lang ? undefined : item.lang);

const sameDay = (a: string, b: string): boolean => a.slice(0, 10) === b.slice(0, 10);

/** When and where an event takes place, as a definition list. */
export function EventFacts(props: { tr: Translator; item: NewsItem }) {
  const { tr, item } = props;
  if (item.kind !== 'event' || !item.eventStart) return null;
  const when =
    item.eventEnd && !sameDay(item.eventStart, item.eventEnd) ? (
      tr.t('news.event.range', { start: tr.date(item.eventStart), end: tr.date(item.eventEnd) })
    ) : (
      <time datetime={item.eventStart}>{tr.date(item.eventStart)}</time>
    );
  return (
    <dl class="event-facts">
      <div>
        <dt>{tr.t('news.event.when')}</dt>
        <dd>{when}</dd>
      </div>
      {item.eventPlace ? (
        <div>
          <dt>{tr.t('news.event.where')}</dt>
          <dd lang={otherLang(tr, item)}>{item.eventPlace}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function KindAndDate(props: { tr: Translator; item: NewsItem }) {
  const { tr, item } = props;
  return (
    <p class="news-meta">
      <span class={`tag tag-${item.kind}`}>{tr.t(`news.kind.${item.kind}`)}</span>{' '}
      <time datetime={item.publishedAt}>{tr.t('news.published', { date: tr.date(item.publishedAt) })}</time>
      {item.lang !== tr.lang ? (
        <>
          {' '}
          <span class="tag">{tr.t('news.in_language', { language: tr.language(item.lang) })}</span>
        </>
      ) : null}
    </p>
  );
}

/** One item in a list: title linking to the item, kind, date, event facts and summary. */
export function NewsSummary(props: { tr: Translator; item: NewsItem; headingLevel: 2 | 3 }) {
  const { tr, item } = props;
  const title = (
    <a href={localPath(tr.lang, newsPath(item.slug))} lang={otherLang(tr, item)}>
      {item.title}
    </a>
  );
  return (
    <li class="news-item">
      <article>
        {props.headingLevel === 2 ? <h2>{title}</h2> : <h3>{title}</h3>}
        <KindAndDate tr={tr} item={item} />
        <EventFacts tr={tr} item={item} />
        <p lang={otherLang(tr, item)}>{item.summary}</p>
      </article>
    </li>
  );
}

export type NewsPageInfo = { page: number; pages: number };

function Pagination(props: { tr: Translator; info: NewsPageInfo }) {
  const { tr, info } = props;
  if (info.pages <= 1) return null;
  const href = (page: number) => `${localPath(tr.lang, '/news')}${page > 1 ? `?page=${page}` : ''}`;
  return (
    <nav class="pager" aria-label={tr.t('news.pagination.label')}>
      <ul>
        {info.page > 1 ? (
          <li>
            <a href={href(info.page - 1)} rel="prev">
              {tr.t('news.pagination.previous')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{tr.t('news.pagination.current', { page: info.page, pages: info.pages })}</li>
        {info.page < info.pages ? (
          <li>
            <a href={href(info.page + 1)} rel="next">
              {tr.t('news.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function NewsListPage(props: { tr: Translator; items: NewsItem[]; info: NewsPageInfo }) {
  const { tr } = props;
  return (
    <>
      <h1>{tr.t('news.title')}</h1>
      {props.items.length === 0 ? (
        <p>{tr.t('news.empty')}</p>
      ) : (
        <ol class="news-list">
          {props.items.map((item) => (
            <NewsSummary tr={tr} item={item} headingLevel={2} />
          ))}
        </ol>
      )}
      <Pagination tr={tr} info={props.info} />
    </>
  );
}

export function NewsItemPage(props: { tr: Translator; item: NewsItem }) {
  const { tr, item } = props;
  return (
    <article class="news-article">
      <p class="back">
        <a href={localPath(tr.lang, '/news')}>{tr.t('news.back')}</a>
      </p>
      <h1 lang={otherLang(tr, item)}>{item.title}</h1>
      <KindAndDate tr={tr} item={item} />
      <EventFacts tr={tr} item={item} />
      <p class="lead" lang={otherLang(tr, item)}>
        {item.summary}
      </p>
      <RichText body={item.body} lang={otherLang(tr, item)} />
    </article>
  );
}
