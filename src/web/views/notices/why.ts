/** Turns the name engine's structured explanation into reasons a member of the public can read, in the page's language. */
import { explain, type ExplanationItem } from '../../../matching/index.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { MatchReason } from './card.tsx';

/**
 * The name comparisons are worded through the catalogs; the rarer technical reasons keep the engine's English
 * sentence, marked as English so assistive technology reads it with the right voice.
 */
export function matchReasons(tr: Translator, items: readonly ExplanationItem[]): MatchReason[] {
  return items.map((item) => {
    if (item.kind === 'names-compared') return { text: tr.t('notices.why.compared', { query: item.query, candidate: item.candidate }) };
    if (item.kind === 'part-matched')
      return { text: tr.t('notices.why.part', { query: item.query, candidate: item.candidate, how: tr.t(`notices.why.how.${item.how}`) }) };
    // The public search shows a one-part match only when it answers the search (the engine, screening, would ask for
    // more): say what was matched rather than the engine's "not enough on its own".
    if (item.kind === 'single-part-only') return { text: tr.t('notices.why.single_part', { part: item.part }) };
    return tr.lang === 'en' ? { text: explain(item) } : { text: explain(item), lang: 'en' };
  });
}
