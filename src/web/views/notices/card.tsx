/** One search result: photo, name, age and sex, nationalities, kind and, when the name engine found it, why it matched. */
import { referenceToSlug, type Notice } from '../../../core/notices.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { localPath } from '../layout.tsx';
import { ageLabel, countryList, fullName, issuingCountries, kindLabel, sexLabel } from './labels.ts';

/** A reason shown under "why this matched", with its language when it is not the page's. */
export type MatchReason = { text: string; lang?: string };

export const noticePath = (n: Pick<Notice, 'reference'>): string => `/notices/${referenceToSlug(n.reference)}`;
export const imagePath = (n: Pick<Notice, 'reference'>, imageId: string): string => `${noticePath(n)}/images/${imageId}`;

/** `FAMILY, Forename`: the family name first and set apart, as police notices list people. */
export function NoticeName(props: { notice: Pick<Notice, 'familyName' | 'forename'> }) {
  return (
    <>
      <span class="family">{props.notice.familyName}</span>
      {props.notice.forename ? `, ${props.notice.forename}` : ''}
    </>
  );
}

export function KindBadge(props: { tr: Translator; kind: Notice['kind'] }) {
  return <span class={`badge badge-${props.kind}`}>{kindLabel(props.tr, props.kind)}</span>;
}

export function NoticeCard(props: { tr: Translator; notice: Notice; today: Date; why?: readonly MatchReason[] | undefined }) {
  const { tr, notice: n } = props;
  const t = tr.t;
  const slug = referenceToSlug(n.reference);
  const photo = n.images[0];
  const age = ageLabel(tr, n.dateOfBirth, props.today);
  const wantedBy = n.kind === 'wanted' ? issuingCountries(n) : [];
  return (
    <li class="notice-card">
      <article aria-labelledby={`n-${slug}`}>
        <div class="card-photo">
          {photo ? (
            <img
              src={imagePath(n, photo.id)}
              alt={t('notices.card.photo_alt', { name: fullName(n) })}
              width={photo.width}
              height={photo.height}
              loading="lazy"
              decoding="async"
            />
          ) : (
            <span class="no-photo">{t('notices.card.no_photo')}</span>
          )}
        </div>
        <div class="card-body">
          <KindBadge tr={tr} kind={n.kind} />
          <h3 id={`n-${slug}`}>
            <a href={localPath(tr.lang, noticePath(n))}>
              <NoticeName notice={n} />
            </a>
          </h3>
          <p class="card-meta">{[age, sexLabel(tr, n.sex)].filter(Boolean).join(' · ')}</p>
          <dl class="card-facts">
            {n.nationalities.length > 0 ? (
              <div>
                <dt>{t('notices.card.nationalities')}</dt>
                <dd>{countryList(tr, n.nationalities)}</dd>
              </div>
            ) : null}
            {wantedBy.length > 0 ? (
              <div>
                <dt>{t('notices.card.wanted_by')}</dt>
                <dd>{countryList(tr, wantedBy)}</dd>
              </div>
            ) : null}
          </dl>
          {props.why && props.why.length > 0 ? (
            <details class="why">
              <summary>{t('notices.card.why')}</summary>
              <ul>
                {props.why.map((r) => (
                  <li lang={r.lang}>{r.text}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      </article>
    </li>
  );
}
