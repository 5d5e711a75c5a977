/** Sharing a notice without any third-party script: the link to copy, and plain e-mail and text-message links. */
import type { Translator } from '../../../i18n/i18n.ts';

export type ShareTarget = { url: string; title: string; text: string };

export function ShareBox(props: { tr: Translator; share: ShareTarget }) {
  const { tr, share } = props;
  const t = tr.t;
  const body = `${share.text}\n\n${share.url}`;
  return (
    <section class="share no-print" aria-labelledby="share-title">
      <h2 id="share-title">{t('notices.share_box.title')}</h2>
      <label for="share-url">{t('notices.share_box.link')}</label>
      <input id="share-url" type="text" readonly value={share.url} spellcheck={false} />
      <ul class="share-links">
        <li>
          <a href={`mailto:?subject=${encodeURIComponent(share.title)}&body=${encodeURIComponent(body)}`}>{t('notices.share_box.email')}</a>
        </li>
        <li>
          <a href={`sms:?&body=${encodeURIComponent(`${share.text} ${share.url}`)}`}>{t('notices.share_box.sms')}</a>
        </li>
      </ul>
    </section>
  );
}
