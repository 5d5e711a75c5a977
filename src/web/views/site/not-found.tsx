/** A notice search box for the 404 page, so a visitor who followed a stale link can still find what they came for. */
import type { Translator } from '../../../i18n/i18n.ts';
import { localPath } from '../layout.tsx';

export function NotFoundSearch(props: { tr: Translator }) {
  const { tr } = props;
  return (
    <form method="get" action={localPath(tr.lang, '/notices')} class="not-found-search" role="search">
      <label for="nf-q">{tr.t('error.not_found.search')}</label>
      <input id="nf-q" name="q" type="search" maxlength={200} />
      <button type="submit">{tr.t('notices.search.submit')}</button>
    </form>
  );
}
