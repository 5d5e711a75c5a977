/** Head elements of a notice page: notice styles, print styles, Open Graph and Twitter tags, and schema.org JSON-LD. */
import type { Notice } from '../../../core/notices.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { imagePath } from './card.tsx';
import { countryList, fullName, issuingCountries, noticeTitle } from './labels.ts';

/**
 * JSON for an inline `<script>` element: `<`, `>` and `&` become escapes so no text can close the element or open a
 * comment, and the two JavaScript line terminators are escaped for parsers that treat the block as script.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Stylesheets of the notice pages; print styles apply only when printing. */
export function NoticeStyles() {
  return (
    <>
      <link rel="stylesheet" href="/static/notices.css" />
      <link rel="stylesheet" href="/static/print.css" media="print" />
    </>
  );
}

/** The sharing summary: who, and what to do; the sex lets languages that inflect for it agree ("portée disparue"). */
export function shareDescription(tr: Translator, n: Notice): string {
  const name = fullName(n);
  const sex = n.sex;
  if (n.kind === 'wanted') return tr.t('notices.share.wanted', { name, sex, countries: countryList(tr, issuingCountries(n)) });
  const date = n.disappearance?.date;
  return date ? tr.t('notices.share.missing_since', { name, sex, date: tr.partialDate(date) }) : tr.t('notices.share.missing', { name, sex });
}

function structuredData(tr: Translator, n: Notice, url: string, origin: string, siteName: string): unknown {
  const images = n.images.map((i) => `${origin}${imagePath(n, i.id)}`);
  const person: Record<string, unknown> = {
    '@type': 'Person',
    name: fullName(n),
    familyName: n.familyName,
    ...(n.forename ? { givenName: n.forename } : {}),
    alternateName: [...(n.nameOriginal ? [n.nameOriginal] : []), ...n.aliases.map((a) => `${a.forename} ${a.familyName}`.trim())],
    ...(n.sex === 'F' ? { gender: 'https://schema.org/Female' } : n.sex === 'M' ? { gender: 'https://schema.org/Male' } : {}),
    ...(n.dateOfBirth ? { birthDate: n.dateOfBirth } : {}),
    ...(n.placeOfBirth ? { birthPlace: { '@type': 'Place', name: n.placeOfBirth } } : {}),
    nationality: n.nationalities.map((c) => ({ '@type': 'Country', name: tr.country(c), identifier: c })),
    ...(n.heightM !== null ? { height: { '@type': 'QuantitativeValue', value: n.heightM, unitCode: 'MTR' } } : {}),
    ...(n.weightKg !== null ? { weight: { '@type': 'QuantitativeValue', value: n.weightKg, unitCode: 'KGM' } } : {}),
    ...(images.length > 0 ? { image: images } : {}),
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemPage',
    url,
    name: noticeTitle(tr, n),
    description: shareDescription(tr, n),
    identifier: n.reference,
    inLanguage: tr.lang,
    ...(n.publishedAt ? { datePublished: n.publishedAt } : {}),
    dateModified: n.updatedAt,
    isPartOf: { '@type': 'WebSite', name: siteName, url: origin },
    mainEntity: person,
  };
}

export function NoticeHead(props: { tr: Translator; notice: Notice; url: string; origin: string; siteName: string }) {
  const { tr, notice: n } = props;
  const title = noticeTitle(tr, n);
  const photo = n.images[0];
  return (
    <>
      <NoticeStyles />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={shareDescription(tr, n)} />
      <meta property="og:url" content={props.url} />
      <meta property="og:locale" content={tr.lang} />
      {photo ? (
        <>
          <meta property="og:image" content={`${props.origin}${imagePath(n, photo.id)}`} />
          <meta property="og:image:type" content={photo.contentType} />
          <meta property="og:image:width" content={String(photo.width)} />
          <meta property="og:image:height" content={String(photo.height)} />
          <meta property="og:image:alt" content={tr.t('notices.card.photo_alt', { name: fullName(n) })} />
        </>
      ) : null}
      <meta name="twitter:card" content="summary" />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(structuredData(tr, n, props.url, props.origin, props.siteName)) }} />
    </>
  );
}
