/** One search result: photo, name, age and sex, nationalities, kind and, when the name engine found it, why it matched. */
import { referenceToSlug, type Notice, type NoticeSummary } from '../../../core/notices.ts';
import type { HtmlEscapedString } from 'hono/utils/html';
import { KeptValues } from '../../../core/lru.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { encoded } from '../../jsx/jsx-runtime.ts';
import { localPath } from '../layout.tsx';
import { ageLabel, countryList, fullName, kindLabel, sexLabel } from './labels.ts';

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

/** Cards kept rendered at most (about 1 KB each): a notice's card reads the same for everyone on a given day. */
const MAX_RENDERED_CARDS = 20_000;
const CARD_END = '</div></article></li>';
const cardEnd = encoded(CARD_END);

/**
 * Cards rendered without their "why this matched" part, by language, notice and day, from the summary they show: a
 * card is rendered again when its notice changed (the catalogue hands out a new summary) or the day did (the age may
 * have). Least recently used first, so the cap drops the cards nobody asked for lately.
 */
const renderedCards = new KeptValues<HtmlEscapedString>(MAX_RENDERED_CARDS);

/** The day of a page's moment, worked out once for its twenty cards (they share the page's time). */
let lastTime = Number.NaN;
let lastDay = '';
function dayOf(today: Date): string {
  const time = today.getTime();
  if (time !== lastTime) {
    lastTime = time;
    lastDay = today.toISOString().slice(0, 10);
  }
  return lastDay;
}

function cardOpening(tr: Translator, n: NoticeSummary, today: Date): HtmlEscapedString {
  return renderedCards.get(`${tr.lang}:${dayOf(today)}:${n.id}`, n, () => {
    const html = String(<CardBody tr={tr} notice={n} today={today} />);
    if (!html.endsWith(CARD_END)) throw new Error('a result card must end with its closing tags');
    return encoded(html.slice(0, -CARD_END.length));
  });
}

export function NoticeCard(props: { tr: Translator; notice: NoticeSummary; today: Date; why?: readonly MatchReason[] | undefined }) {
  const open = cardOpening(props.tr, props.notice, props.today);
  const why =
    props.why && props.why.length > 0 ? (
      <details class="why">
        <summary>{props.tr.t('notices.card.why')}</summary>
        <ul>
          {props.why.map((r) => (
            <li lang={r.lang}>{r.text}</li>
          ))}
        </ul>
      </details>
    ) : null;
  return (
    <>
      {open}
      {why}
      {cardEnd}
    </>
  );
}

function CardBody(props: { tr: Translator; notice: NoticeSummary; today: Date }) {
  const { tr, notice: n } = props;
  const t = tr.t;
  const slug = referenceToSlug(n.reference);
  const photo = n.photo;
  const age = ageLabel(tr, n.dateOfBirth, props.today);
  const wantedBy = n.kind === 'wanted' ? n.wantedBy : [];
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
                <dt>{t('notices.card.wanted_by', { sex: n.sex })}</dt>
                <dd>{countryList(tr, wantedBy)}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      </article>
    </li>
  );
}
