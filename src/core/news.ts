/** News items and events of the public site (domain types, no I/O). */

export type NewsKind = 'news' | 'event';

export type NewsInput = {
  slug: string;
  kind: NewsKind;
  lang: string;
  title: string;
  summary: string;
  /** Plain-text paragraphs separated by blank lines. */
  body: string;
  eventStart: string | null;
  eventEnd: string | null;
  eventPlace: string | null;
  isDemo: boolean;
  publishedAt: string;
};

export type NewsItem = NewsInput & { id: string; updatedAt: string };
