/** "What to do if you have information": advice, and a GET form showing the chosen country's police contact. */
import { officeCountryOptions } from '../../../core/countries.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { StoredPoliceContact } from '../../../core/police-directory.ts';

export type ContactChoice = {
  /** The country asked for, if any. */
  country: string | undefined;
  /** Its entry in the police directory, when there is one. */
  contact: StoredPoliceContact | undefined;
};

/** Directory entries are written in English; mark them so that screen readers on other pages pronounce them right. */
const englishData = (tr: Translator): string | undefined => (tr.lang === 'en' ? undefined : 'en');

function Contact(props: { tr: Translator; contact: StoredPoliceContact }) {
  const { tr, contact: c } = props;
  const t = tr.t;
  return (
    <div class="police-contact">
      <h3 id="police-contact-title">{tr.country(c.country)}</h3>
      <dl>
        {c.emergencyNumbers.length > 0 ? (
          <div>
            <dt>{t('notices.info.numbers')}</dt>
            <dd>
              <ul>
                {c.emergencyNumbers.map((e) => (
                  <li>
                    <a href={`tel:${e.number.replace(/[^\d+]/g, '')}`} class="tel">
                      {e.number}
                    </a>{' '}
                    <span lang={englishData(tr)}>{e.label}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {c.policeNames.length > 0 ? (
          <div>
            <dt>{t('notices.info.police')}</dt>
            <dd>
              <ul>
                {c.policeNames.map((name) => (
                  <li lang={englishData(tr)}>{name}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {c.website && /^https:\/\//.test(c.website) ? (
          <div>
            <dt>{t('notices.info.website')}</dt>
            <dd>
              <a href={c.website} rel="noopener noreferrer external">
                {c.website.replace(/^https:\/\//, '')}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

export function InformationSection(props: { tr: Translator; reference: string; action: string; choice: ContactChoice }) {
  const { tr, choice } = props;
  const t = tr.t;
  return (
    <section class="information" id="contact" aria-labelledby="information-title">
      <h2 id="information-title">{t('notices.info.title')}</h2>
      <p>{t('notices.info.advice', { reference: props.reference })}</p>
      <p>{t('notices.info.emergency')}</p>
      <p class="safety">{t('notices.info.privacy')}</p>
      <form method="get" action={`${props.action}#contact`} class="contact-form">
        <label for="f-country">{t('notices.info.country')}</label>
        <div class="inline">
          <select id="f-country" name="country">
            <option value="">{t('notices.info.choose')}</option>
            {officeCountryOptions(tr.lang).map((c) => (
              <option value={c.code} selected={c.code === choice.country}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit">{t('notices.info.show')}</button>
        </div>
      </form>
      {choice.contact ? (
        <Contact tr={tr} contact={choice.contact} />
      ) : choice.country ? (
        <p class="police-contact">{t('notices.info.none', { country: tr.country(choice.country) })}</p>
      ) : null}
    </section>
  );
}
