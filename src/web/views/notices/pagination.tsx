/** Numbered pagination for the notice list: stable links that keep the search, the current page marked for assistive tech. */
import type { Translator } from '../../../i18n/i18n.ts';

/** Pages to show: the first, the last, and two either side of the current one; null marks a gap. */
export function pageWindow(current: number, last: number): (number | null)[] {
  const shown = [...new Set([1, ...[-2, -1, 0, 1, 2].map((d) => current + d), last])].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const pages: (number | null)[] = [];
  for (const p of shown) {
    const previous = pages[pages.length - 1];
    if (typeof previous === 'number' && p > previous + 1) pages.push(null);
    pages.push(p);
  }
  return pages;
}

export function Pagination(props: { tr: Translator; page: number; pages: number; href: (page: number) => string }) {
  const { tr, page, pages } = props;
  if (pages <= 1) return null;
  const t = tr.t;
  return (
    <nav class="pagination" aria-label={t('notices.pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={props.href(page - 1)} rel="prev">
              {t('notices.pagination.previous')}
            </a>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p) =>
          p === null ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a href={props.href(p)} aria-current={p === page ? 'page' : undefined} aria-label={t('notices.pagination.page', { page: p })}>
                {tr.number(p)}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <a href={props.href(page + 1)} rel="next">
              {t('notices.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
