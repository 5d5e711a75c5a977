/** The home page: mission, newest notices, guidance for people who need help, newest news, and the scam warning, in that order. */
import type { Notice } from '../../../core/notices.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { PageContent } from '../../../services/site/get-page-content.ts';
import type { NewsItem } from '../../../core/news.ts';
import { localPath } from '../layout.tsx';
import { imagePath, noticePath } from '../notices/card.tsx';
import { fullName, kindLabel } from '../notices/labels.ts';
import { NewsSummary } from './news.tsx';
import { RichText } from './text.tsx';

export type HomeContent = { mission: PageContent; help: PageContent; scam: PageContent };

/** Marks editable text in another language than the page's. */
export const contentLang = (tr: Translator, content: PageContent): string | undefined => (content.lang === tr.lang ? undefined : content.lang);

function NoticeTile(props: { tr: Translator; notice: Notice }) {
  const { tr, notice: n } = props;
  const photo = n.images[0];
  return (
    <li class="tile">
      <a href={localPath(tr.lang, noticePath(n))}>
        {photo ? (
          <img
            src={imagePath(n, photo.id)}
            alt={tr.t('site.photo_alt', { name: fullName(n) })}
            width={photo.width}
            height={photo.height}
            loading="lazy"
            decoding="async"
          />
        ) : (
          <span class="tile-nophoto">{tr.t('site.no_photo')}</span>
        )}
        <span class="tile-name">
          <span class="family">{n.familyName}</span>
          {n.forename ? ` ${n.forename}` : ''}
        </span>
      </a>
      <span class={`tag tag-${n.kind}`}>{kindLabel(tr, n.kind)}</span>
    </li>
  );
}

/** The scam warning: prominent on the home page, with a heading so it is found by heading navigation. */
export function ScamWarning(props: { tr: Translator; content: PageContent; link: boolean }) {
  const { tr } = props;
  return (
    <aside class="scam-warning" aria-labelledby="scam-title">
      <h2 id="scam-title">{tr.t('home.scam.title')}</h2>
      <RichText body={props.content.body} lang={contentLang(tr, props.content)} />
      {props.link ? (
        <p>
          <a href={localPath(tr.lang, '/scam-warning')}>{tr.t('home.scam.more')}</a>
        </p>
      ) : null}
    </aside>
  );
}

export function HomePage(props: { tr: Translator; siteName: string; content: HomeContent; notices: Notice[]; news: NewsItem[] }) {
  const { tr, content } = props;
  const t = tr.t;
  return (
    <>
      <h1>{props.siteName}</h1>
      <section id="mission" aria-labelledby="mission-title">
        <h2 id="mission-title">{t('home.mission.title')}</h2>
        <RichText body={content.mission.body} lang={contentLang(tr, content.mission)} />
      </section>
      <section id="find" aria-labelledby="find-title">
        <h2 id="find-title">{t('home.find.title')}</h2>
        <p>{t('home.find.intro')}</p>
        <form method="get" action={localPath(tr.lang, '/notices')} class="home-search" role="search" aria-label={t('home.find.search_label')}>
          <label for="home-q">{t('home.find.search_label')}</label>
          <p class="hint" id="home-q-hint">
            {t('home.find.search_hint')}
          </p>
          <div class="home-search-row">
            <input type="text" id="home-q" name="q" maxlength={200} autocomplete="off" spellcheck={false} aria-describedby="home-q-hint" />
            <button type="submit">{t('notices.search.submit')}</button>
          </div>
        </form>
        {props.notices.length > 0 ? (
          <ul class="tiles">
            {props.notices.map((n) => (
              <NoticeTile tr={tr} notice={n} />
            ))}
          </ul>
        ) : (
          <p>{t('home.find.none')}</p>
        )}
        <p>
          <a class="more" href={localPath(tr.lang, '/notices')}>
            {t('home.find.all')}
          </a>
        </p>
      </section>
      <section id="help" aria-labelledby="help-title">
        <h2 id="help-title">{t('home.help.title')}</h2>
        <RichText body={content.help.body} lang={contentLang(tr, content.help)} />
        <p>
          <a class="more" href={localPath(tr.lang, '/help')}>
            {t('home.help.directory')}
          </a>
        </p>
      </section>
      <section id="news" aria-labelledby="news-title">
        <h2 id="news-title">{t('home.news.title')}</h2>
        {props.news.length > 0 ? (
          <ul class="news-list">
            {props.news.map((item) => (
              <NewsSummary tr={tr} item={item} headingLevel={3} />
            ))}
          </ul>
        ) : (
          <p>{t('news.empty')}</p>
        )}
        <p>
          <a class="more" href={localPath(tr.lang, '/news')}>
            {t('home.news.all')}
          </a>
        </p>
      </section>
      <ScamWarning tr={tr} content={content.scam} link={true} />
    </>
  );
}
