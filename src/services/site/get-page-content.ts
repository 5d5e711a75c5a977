/** Use case: the text of an editable block of the public site in the reader's language, falling back to English, then to the catalog default. */
import { DEFAULT_LANG, type MessageValues, type Translator } from '../../i18n/i18n.ts';
import type { Db } from '../../storage/db.ts';
import { getContentIn } from '../../storage/repositories/content.ts';

/** The editable blocks; each has a translated default at catalog key `content.<key>`. */
export const contentKeys = ['mission', 'about', 'help', 'scam', 'scam_signs'] as const;
export type ContentKey = (typeof contentKeys)[number];

export type PageContent = {
  /** Plain text, paragraphs separated by blank lines. */
  body: string;
  /** Language the body is written in: differs from the page's when the English text stands in. */
  lang: string;
  source: 'stored' | 'default';
};

/**
 * Returns the stored text for the translator's language, else the stored English text, else the catalog default
 * (formatted with `values`, e.g. the office's name). Stored texts are taken as written: editors write no ICU syntax.
 */
export async function getPageContent(db: Db, tr: Translator, key: ContentKey, values?: MessageValues): Promise<PageContent> {
  const stored = await getContentIn(db, key, tr.lang === DEFAULT_LANG ? [DEFAULT_LANG] : [tr.lang, DEFAULT_LANG]);
  const own = stored.get(tr.lang);
  if (own !== undefined && own.trim() !== '') return { body: own, lang: tr.lang, source: 'stored' };
  const english = stored.get(DEFAULT_LANG);
  if (english !== undefined && english.trim() !== '') return { body: english, lang: DEFAULT_LANG, source: 'stored' };
  return { body: tr.t(`content.${key}`, values), lang: tr.lang, source: 'default' };
}
