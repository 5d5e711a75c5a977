/** The "if you need help" page: when to contact the police, and the directory of police contacts per country. */
import type { Translator } from '../../../i18n/i18n.ts';
import type { PageContent } from '../../../services/site/get-page-content.ts';
import type { StoredPoliceContact } from '../../../core/police-directory.ts';
import { localPath } from '../layout.tsx';
import { contentLang } from './home.tsx';
import { RichText } from './text.tsx';

/** Directory entries are written in English: mark them so screen readers on other pages pronounce them right. */
const dataLang = (tr: Translator): string | undefined => (tr.lang === 'en' ? undefined : 'en');

const isWebUrl = (url: string | null): url is string => url !== null && /^https?:\/\/[^\s]+$/.test(url);

const hostOf = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

function Unknown(props: { tr: Translator }) {
  return <span class="unknown">{props.tr.t('help.unknown')}</span>;
}

function Entry(props: { tr: Translator; contact: StoredPoliceContact }) {
  const { tr, contact: c } = props;
  const t = tr.t;
  const id = `country-${c.country.toLowerCase()}`;
  return (
    <div class="contact">
      <h3 id={id}>{tr.country(c.country)}</h3>
      <dl>
        <div>
          <dt>{t('help.field.numbers')}</dt>
          <dd>
            {c.emergencyNumbers.length > 0 ? (
              <ul>
                {c.emergencyNumbers.map((e) => (
                  <li>
                    <a class="tel" href={`tel:${e.number.replace(/[^\d+]/g, '')}`} aria-label={t('help.call', { number: e.number })}>
                      {e.number}
                    </a>{' '}
                    <span lang={dataLang(tr)}>{e.label}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Unknown tr={tr} />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('help.field.police')}</dt>
          <dd>
            {c.policeNames.length > 0 ? (
              <ul>
                {c.policeNames.map((name) => (
                  <li lang={dataLang(tr)}>{name}</li>
                ))}
              </ul>
            ) : (
              <Unknown tr={tr} />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('help.field.website')}</dt>
          <dd>
            {isWebUrl(c.website) ? (
              <a href={c.website} rel="external noopener noreferrer">
                {hostOf(c.website)}
              </a>
            ) : (
              <Unknown tr={tr} />
            )}
          </dd>
        </div>
        <div>
          <dt>{t('help.field.source')}</dt>
          <dd>
            {isWebUrl(c.sourceUrl) ? (
              <a href={c.sourceUrl} rel="external noopener noreferrer">
                {hostOf(c.sourceUrl)}
              </a>
            ) : (
              <Unknown tr={tr} />
            )}
          </dd>
        </div>
        {c.sourceNote ? (
          <div>
            <dt>{t('help.field.note')}</dt>
            <dd lang={dataLang(tr)}>{c.sourceNote}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/** Entries of one status, sorted by the country's name in the reader's language. */
function group(tr: Translator, contacts: readonly StoredPoliceContact[], status: StoredPoliceContact['status']): StoredPoliceContact[] {
  const collator = new Intl.Collator(tr.lang);
  return contacts.filter((c) => c.status === status).sort((a, b) => collator.compare(tr.country(a.country), tr.country(b.country)));
}

/** A GET form, so the choice works without JavaScript and the chosen country has an address of its own. */
function CountryPicker(props: { tr: Translator; contacts: readonly StoredPoliceContact[]; country: string | undefined }) {
  const { tr } = props;
  const t = tr.t;
  const collator = new Intl.Collator(tr.lang);
  const options = props.contacts.map((c) => ({ code: c.country, name: tr.country(c.country) })).sort((a, b) => collator.compare(a.name, b.name));
  return (
    <form method="get" action={`${localPath(tr.lang, '/help')}#directory`} class="picker">
      <label for="directory-country">{t('help.directory.country')}</label>
      <div class="inline">
        <select id="directory-country" name="country">
          <option value="">{t('help.directory.choose')}</option>
          {options.map((o) => (
            <option value={o.code} selected={o.code === props.country}>
              {o.name}
            </option>
          ))}
        </select>
        <button type="submit">{t('help.directory.show')}</button>
      </div>
    </form>
  );
}

/** Every country as a link to its own entry: a short page on a phone instead of all entries one after another. */
function CountryIndex(props: { tr: Translator; contacts: readonly StoredPoliceContact[] }) {
  const { tr, contacts } = props;
  const help = localPath(tr.lang, '/help');
  return (
    <>
      {(['member', 'candidate'] as const).map((status) => {
        const entries = group(tr, contacts, status);
        return entries.length === 0 ? null : (
          <section aria-labelledby={`group-${status}`}>
            <h3 id={`group-${status}`}>{tr.t(`help.group.${status}`)}</h3>
            <ul class="country-index">
              {entries.map((c) => (
                <li>
                  <a href={`${help}?country=${c.country}#directory`}>{tr.country(c.country)}</a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export function PoliceDirectory(props: { tr: Translator; contacts: readonly StoredPoliceContact[]; country: string | undefined }) {
  const { tr, contacts, country } = props;
  const t = tr.t;
  const chosen = country ? contacts.find((c) => c.country === country) : undefined;
  return (
    <section id="directory" aria-labelledby="directory-title">
      <h2 id="directory-title">{t('help.directory.title')}</h2>
      {contacts.length === 0 ? (
        <p>{t('help.directory.empty')}</p>
      ) : (
        <>
          <p>{t('help.directory.intro')}</p>
          <CountryPicker tr={tr} contacts={contacts} country={country} />
          {chosen ? (
            <Entry tr={tr} contact={chosen} />
          ) : country ? (
            <p class="contact" role="status">
              {t('help.directory.none', { country: tr.country(country) })}
            </p>
          ) : null}
          {country ? (
            <p class="back">
              <a href={`${localPath(tr.lang, '/help')}#directory`}>{t('help.directory.all')}</a>
            </p>
          ) : (
            <CountryIndex tr={tr} contacts={contacts} />
          )}
        </>
      )}
    </section>
  );
}

export function HelpPage(props: { tr: Translator; help: PageContent; contacts: readonly StoredPoliceContact[]; country: string | undefined }) {
  const { tr } = props;
  return (
    <>
      <h1>{tr.t('help.title')}</h1>
      <p class="emergency">{tr.t('help.emergency')}</p>
      <RichText body={props.help.body} lang={contentLang(tr, props.help)} />
      <PoliceDirectory tr={tr} contacts={props.contacts} country={props.country} />
    </>
  );
}
