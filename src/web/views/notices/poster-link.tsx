/** The link to a notice's printable poster, for the notice page and its print view. */
import type { Translator } from '../../../i18n/i18n.ts';

/** The poster's address beside the notice's own, so it keeps the page's language prefix. */
export const posterPath = (noticePath: string): string => `${noticePath}/poster.pdf`;

/** `noticePath` is the notice page's own path in the reader's language (`/fr/notices/2026-00042`). */
export function PosterLink(props: { tr: Translator; noticePath: string }) {
  return (
    <a class="poster-link" href={posterPath(props.noticePath)} type="application/pdf">
      {props.tr.t('poster.link')}
    </a>
  );
}
