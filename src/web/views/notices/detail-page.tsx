/** The public extract of one notice: photos, identity, description, charges or disappearance, and how to give information. */
import type { Child } from 'hono/jsx';
import { isCrimeCategory } from '../../../core/crime-categories.ts';
import type { Charge, Notice } from '../../../core/notices.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { localPath } from '../layout.tsx';
import { imagePath, KindBadge, NoticeName } from './card.tsx';
import { ageLabel, countryList, crimeLabel, eyeLabel, fullName, hairLabel, sexLabel } from './labels.ts';
import { InformationSection, type ContactChoice } from './police-contact.tsx';
import { PosterLink } from './poster-link.tsx';
import { ShareBox, type ShareTarget } from './share-box.tsx';

/**
 * Free text of a record (charges, circumstances, marks) is written in English; on pages in another language it is
 * marked so that screen readers and translation tools read it as English.
 */
const recordLang = (tr: Translator): string | undefined => (tr.lang === 'en' ? undefined : 'en');

/**
 * Colours as a list in a sentence ("Brown and grey", "Bruns et gris"): the labels are written to stand alone, capitalised,
 * so every one after the first is put in lower case.
 */
function colourList(tr: Translator, labels: readonly string[]): string {
  const items = labels.map((label, i) => (i === 0 ? label : label.toLocaleLowerCase(tr.lang)));
  return new Intl.ListFormat(tr.lang, { type: 'conjunction' }).format(items);
}

/** A term and its value, left out when there is no value. */
function Fact(props: { term: string; children: Child; when: unknown }) {
  if (props.when === null || props.when === undefined || props.when === '' || (Array.isArray(props.when) && props.when.length === 0)) return null;
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Charges(props: { tr: Translator; charges: readonly Charge[] }) {
  const { tr } = props;
  const t = tr.t;
  const byCountry = new Map<string, Charge[]>();
  for (const c of props.charges) byCountry.set(c.issuingCountry, [...(byCountry.get(c.issuingCountry) ?? []), c]);
  return (
    <section aria-labelledby="charges-title">
      <h2 id="charges-title">{t('notices.detail.charges')}</h2>
      {[...byCountry].map(([country, charges]) => (
        <div class="charge-group">
          <h3>{t('notices.detail.issued_by', { country: tr.country(country) })}</h3>
          <ul class="charges">
            {charges.map((c) => (
              <li>
                {/* With a translation beside it, the charge is in the issuing country's language, which the record does not name. */}
                <p dir="auto" class="charge-text" lang={c.chargeTranslation ? undefined : recordLang(tr)}>
                  {c.charge}
                </p>
                {c.chargeTranslation ? (
                  <p class="charge-translation">
                    <span class="label">{t('notices.detail.translation')}</span>{' '}
                    <span dir="auto" lang={recordLang(tr)}>
                      {c.chargeTranslation}
                    </span>
                  </p>
                ) : null}
                {c.crimeCategory && isCrimeCategory(c.crimeCategory) ? (
                  <p class="charge-category">
                    <span class="label">{t('notices.detail.crime_category')}</span> {crimeLabel(tr, c.crimeCategory)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Disappearance(props: { tr: Translator; notice: Notice }) {
  const { tr } = props;
  const d = props.notice.disappearance;
  if (!d || (!d.date && !d.place && !d.circumstances && !d.country && d.countriesLikelyToBeVisited.length === 0)) return null;
  const t = tr.t;
  return (
    <section aria-labelledby="disappearance-title">
      <h2 id="disappearance-title">{t('notices.detail.disappearance')}</h2>
      <dl class="facts">
        <Fact term={t('notices.detail.disappearance_date')} when={d.date}>
          {d.date ? tr.partialDate(d.date) : ''}
        </Fact>
        <Fact term={t('notices.detail.disappearance_place')} when={d.place}>
          <span dir="auto">{d.place}</span>
        </Fact>
        <Fact term={t('notices.detail.disappearance_country')} when={d.country}>
          {d.country ? tr.country(d.country) : ''}
        </Fact>
        <Fact term={t('notices.detail.likely_destinations')} when={d.countriesLikelyToBeVisited}>
          {countryList(tr, d.countriesLikelyToBeVisited)}
        </Fact>
      </dl>
      {d.circumstances ? (
        <>
          <h3>{t('notices.detail.circumstances')}</h3>
          <p dir="auto" class="circumstances" lang={recordLang(tr)}>
            {d.circumstances}
          </p>
        </>
      ) : null}
    </section>
  );
}

/** `Forename Family` of a parent, from whichever parts the notice gives. */
const parentName = (forename: string | null, familyName: string | null): string => [forename, familyName].filter(Boolean).join(' ');

/** Whether a notice carries any part of a physical description. */
const hasDescription = (n: Notice): boolean =>
  n.heightM !== null || n.weightKg !== null || n.eyeColors.length > 0 || n.hairColors.length > 0 || Boolean(n.distinguishingMarks) || n.languages.length > 0;

export function NoticeDetailPage(props: { tr: Translator; notice: Notice; today: Date; contact: ContactChoice; selfPath: string; share: ShareTarget }) {
  const { tr, notice: n } = props;
  const t = tr.t;
  const name = fullName(n);
  const age = ageLabel(tr, n.dateOfBirth, props.today);
  const birthPlace = [n.placeOfBirth, n.countryOfBirth ? tr.country(n.countryOfBirth) : null].filter(Boolean).join(', ');
  const father = parentName(n.fatherForename, n.fatherName);
  const mother = parentName(n.motherForename, n.motherName);
  return (
    <article class="notice-detail" aria-labelledby="notice-title">
      <p class="back no-print">
        <a href={localPath(tr.lang, '/notices')}>{t('notices.detail.back')}</a>
      </p>
      <header class="notice-head">
        <KindBadge tr={tr} kind={n.kind} />
        <h1 id="notice-title">
          <NoticeName notice={n} />
        </h1>
        {n.nameOriginal ? (
          <p class="original-name">
            <span class="label">{t('notices.detail.name_original')}</span> <span dir="auto">{n.nameOriginal}</span>
          </p>
        ) : null}
        <p class="reference">
          {t('notices.detail.reference')} <strong>{n.reference}</strong>
          {n.publishedAt ? ` · ${t('notices.detail.published', { date: tr.date(n.publishedAt) })}` : ''}
        </p>
      </header>
      <div class="notice-columns">
        <div class="photos">
          {n.images.length > 0 ? (
            n.images.map((img, i) => (
              <img
                src={imagePath(n, img.id)}
                alt={t('notices.detail.photo_alt', { n: i + 1, count: n.images.length, name })}
                width={img.width}
                height={img.height}
              />
            ))
          ) : (
            <p class="no-photo">{t('notices.card.no_photo')}</p>
          )}
          <p class="poster">
            <PosterLink tr={tr} noticePath={props.selfPath} />
          </p>
        </div>
        <div class="identity">
          <section aria-labelledby="identity-title">
            <h2 id="identity-title">{t('notices.detail.identity')}</h2>
            <dl class="facts">
              <Fact term={t('notices.detail.family_name')} when={n.familyName}>
                <span dir="auto">{n.familyName}</span>
              </Fact>
              <Fact term={t('notices.detail.forename')} when={n.forename}>
                <span dir="auto">{n.forename}</span>
              </Fact>
              <Fact term={t('notices.detail.aliases')} when={n.aliases}>
                <ul>
                  {n.aliases.map((a) => (
                    <li dir="auto">{`${a.forename} ${a.familyName}`.trim()}</li>
                  ))}
                </ul>
              </Fact>
              <Fact term={t('notices.detail.sex')} when={n.sex}>
                {sexLabel(tr, n.sex)}
              </Fact>
              <Fact term={t('notices.detail.dob')} when={n.dateOfBirth}>
                {n.dateOfBirth ? tr.partialDate(n.dateOfBirth) : ''}
                {age ? ` (${age})` : ''}
              </Fact>
              <Fact term={t('notices.detail.pob')} when={birthPlace}>
                <span dir="auto">{birthPlace}</span>
              </Fact>
              <Fact term={t('notices.detail.nationalities')} when={n.nationalities}>
                {countryList(tr, n.nationalities)}
              </Fact>
              <Fact term={t('notices.detail.birth_name')} when={n.birthName}>
                <span dir="auto">{n.birthName}</span>
              </Fact>
              <Fact term={t('notices.detail.father')} when={father}>
                <span dir="auto">{father}</span>
              </Fact>
              <Fact term={t('notices.detail.mother')} when={mother}>
                <span dir="auto">{mother}</span>
              </Fact>
            </dl>
          </section>
          {/* A public extract may show no description at all: then the section would be a heading over nothing. */}
          {hasDescription(n) ? (
            <section aria-labelledby="description-title">
              <h2 id="description-title">{t('notices.detail.description')}</h2>
              <dl class="facts">
                <Fact term={t('notices.detail.height')} when={n.heightM}>
                  {n.heightM === null ? '' : tr.number(n.heightM, { style: 'unit', unit: 'meter', maximumFractionDigits: 2 })}
                </Fact>
                <Fact term={t('notices.detail.weight')} when={n.weightKg}>
                  {n.weightKg === null ? '' : tr.number(n.weightKg, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 0 })}
                </Fact>
                <Fact term={t('notices.detail.eyes')} when={n.eyeColors}>
                  {colourList(
                    tr,
                    n.eyeColors.map((c) => eyeLabel(tr, c)),
                  )}
                </Fact>
                <Fact term={t('notices.detail.hair')} when={n.hairColors}>
                  {colourList(
                    tr,
                    n.hairColors.map((c) => hairLabel(tr, c)),
                  )}
                </Fact>
                <Fact term={t('notices.detail.marks')} when={n.distinguishingMarks}>
                  <span dir="auto" lang={recordLang(tr)}>
                    {n.distinguishingMarks}
                  </span>
                </Fact>
                <Fact term={t('notices.detail.languages')} when={n.languages}>
                  {n.languages.map((l) => tr.language(l.toLowerCase())).join(', ')}
                </Fact>
              </dl>
            </section>
          ) : null}
        </div>
      </div>
      {n.kind === 'wanted' && n.charges.length > 0 ? <Charges tr={tr} charges={n.charges} /> : null}
      {n.kind === 'missing' ? <Disappearance tr={tr} notice={n} /> : null}
      <InformationSection tr={tr} reference={n.reference} action={props.selfPath} choice={props.contact} />
      <ShareBox tr={tr} share={props.share} />
    </article>
  );
}
