/** The short pages of the public site: about us, scam warning, accessibility statement and privacy notice. */
import type { Child } from 'hono/jsx';
import { euCandidateCountries, euMemberStates } from '../../../core/countries.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { PageContent } from '../../../services/site/get-page-content.ts';
import { localPath } from '../layout.tsx';
import { contentLang } from './home.tsx';
import { RichText } from './text.tsx';

/** Date of the accessibility statement's self-assessment; change it when the statement is reviewed. */
export const ACCESSIBILITY_STATEMENT_DATE = '2026-11-28';
/** Date the privacy notice last changed. */
export const PRIVACY_NOTICE_DATE = '2026-11-28';
/** How long the operator keeps server logs, stated in the privacy notice. */
export const LOG_RETENTION_DAYS = 30;

function CountryList(props: { tr: Translator; codes: readonly string[] }) {
  const collator = new Intl.Collator(props.tr.lang);
  const names = props.codes.map((c) => props.tr.country(c)).sort(collator.compare);
  return (
    <ul class="columns">
      {names.map((n) => (
        <li>{n}</li>
      ))}
    </ul>
  );
}

export function AboutPage(props: { tr: Translator; mission: PageContent; about: PageContent }) {
  const { tr } = props;
  const t = tr.t;
  return (
    <>
      <h1>{t('about.title')}</h1>
      <RichText class="prose lead" body={props.mission.body} lang={contentLang(tr, props.mission)} />
      <RichText body={props.about.body} lang={contentLang(tr, props.about)} />
      <section aria-labelledby="countries-title">
        <h2 id="countries-title">{t('about.countries.title')}</h2>
        <p>{t('about.countries.intro', { members: euMemberStates.length, candidates: euCandidateCountries.length })}</p>
        <h3>{t('help.group.member')}</h3>
        <CountryList tr={tr} codes={euMemberStates} />
        <h3>{t('help.group.candidate')}</h3>
        <CountryList tr={tr} codes={euCandidateCountries} />
      </section>
    </>
  );
}

export function ScamPage(props: { tr: Translator; scam: PageContent; signs: PageContent }) {
  const { tr } = props;
  const t = tr.t;
  return (
    <>
      <h1>{t('scam.title')}</h1>
      <div class="scam-warning" role="note" aria-label={t('scam.title')}>
        <RichText body={props.scam.body} lang={contentLang(tr, props.scam)} />
      </div>
      <section aria-labelledby="signs-title">
        <h2 id="signs-title">{t('scam.signs.title')}</h2>
        <RichText body={props.signs.body} lang={contentLang(tr, props.signs)} />
      </section>
      <p>
        <a class="more" href={`${localPath(tr.lang, '/help')}#directory`}>
          {t('scam.help_link')}
        </a>
      </p>
    </>
  );
}

function Section(props: { id: string; title: string; children: Child }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Mail(props: { email: string }) {
  return (
    <p>
      <a href={`mailto:${props.email}`}>{props.email}</a>
    </p>
  );
}

export function AccessibilityPage(props: { tr: Translator; siteName: string; publicUrl: string; email: string }) {
  const { tr } = props;
  const t = tr.t;
  return (
    <>
      <h1>{t('a11y.title')}</h1>
      <p>{t('a11y.intro', { site: props.siteName, url: props.publicUrl })}</p>
      <Section id="a11y-status" title={t('a11y.status.title')}>
        <p>{t('a11y.status.body')}</p>
      </Section>
      <Section id="a11y-measures" title={t('a11y.measures.title')}>
        <p>{t('a11y.measures.body')}</p>
      </Section>
      <Section id="a11y-limits" title={t('a11y.limits.title')}>
        <ul>
          <li>{t('a11y.limits.directory')}</li>
          <li>{t('a11y.limits.photos')}</li>
          <li>{t('a11y.limits.news')}</li>
        </ul>
      </Section>
      <Section id="a11y-feedback" title={t('a11y.feedback.title')}>
        <p>{t('a11y.feedback.body')}</p>
        <Mail email={props.email} />
      </Section>
      <Section id="a11y-enforcement" title={t('a11y.enforcement.title')}>
        <p>{t('a11y.enforcement.body')}</p>
      </Section>
      <Section id="a11y-prepared" title={t('a11y.prepared.title')}>
        <p>
          {t('a11y.prepared.body', { date: tr.date(ACCESSIBILITY_STATEMENT_DATE) })}
        </p>
      </Section>
    </>
  );
}

export function PrivacyPage(props: { tr: Translator; siteName: string; email: string }) {
  const { tr } = props;
  const t = tr.t;
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.intro', { site: props.siteName })}</p>
      <Section id="privacy-cookies" title={t('privacy.cookies.title')}>
        <p>{t('privacy.cookies.body')}</p>
      </Section>
      <Section id="privacy-logs" title={t('privacy.logs.title')}>
        <p>{t('privacy.logs.body')}</p>
        <p>{t('privacy.logs.retention', { days: LOG_RETENTION_DAYS })}</p>
      </Section>
      <Section id="privacy-forms" title={t('privacy.forms.title')}>
        <p>{t('privacy.forms.body')}</p>
      </Section>
      <Section id="privacy-portal" title={t('privacy.portal.title')}>
        <p>{t('privacy.portal.body')}</p>
      </Section>
      <Section id="privacy-rights" title={t('privacy.rights.title')}>
        <p>{t('privacy.rights.body')}</p>
        <Mail email={props.email} />
      </Section>
      <p class="muted">{t('privacy.updated', { date: tr.date(PRIVACY_NOTICE_DATE) })}</p>
    </>
  );
}
