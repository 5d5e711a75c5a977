/** Fictional demo news items and events of an imaginary liaison office, dated relative to the demo base date. */
import type { NewsInput } from '../core/news.ts';
import { DEMO_BASE_DATE } from './generate.ts';

/** A news item as seeded: every field of a stored one but its demo flag, in one of the two demo languages. */
export type DemoNewsItem = Omit<NewsInput, 'isDemo' | 'lang'> & { lang: 'en' | 'fr' };

type Spec = Omit<DemoNewsItem, 'publishedAt' | 'eventStart' | 'eventEnd'> & {
  /** Days after the base date the item is published. */
  day: number;
  /** For events: days after the base date, start hour (UTC) and length in days. */
  event?: { day: number; hour: number; days: number };
  paragraphs: string[];
};

const NOTE = 'This is fictional demonstration content: the office, people and events described do not exist.';
const NOTE_FR = 'Ce contenu est une démonstration fictive : le bureau, les personnes et les événements décrits n’existent pas.';

const specs: Omit<Spec, 'body'>[] = [
  {
    slug: 'demo-office-opens-public-notice-site', kind: 'news', lang: 'en', day: 0, eventPlace: null,
    title: 'Demo: the liaison office opens its public notice site',
    summary: 'The fictional liaison office now publishes wanted and missing person notices for its member and candidate countries.',
    paragraphs: [
      'The demonstration liaison office has opened a public website where anyone can search the wanted and missing person notices that its participating countries have asked it to publish.',
      'Each notice shows the person’s names in every known spelling and script, a physical description and, for wanted persons, the charges as worded by the issuing country.',
    ],
  },
  {
    slug: 'demo-missing-persons-day', kind: 'news', lang: 'en', day: 12, eventPlace: null,
    title: 'Demo: a week of attention for missing persons',
    summary: 'The imaginary office highlights ten missing-person notices and explains how to report a sighting.',
    paragraphs: [
      'Throughout the week the fictional office features ten missing-person notices on its home page, chosen from different countries and age groups.',
      'Anyone who believes they have seen a missing person is asked to contact the local police through the emergency number listed in the police directory, and never to approach the person directly if they seem in danger.',
    ],
  },
  {
    slug: 'demo-name-matching-explained', kind: 'news', lang: 'en', day: 27, eventPlace: null,
    title: 'Demo: why one name can be written five ways',
    summary: 'A short explainer on transliteration: the same person may appear as Oleksandr, Aleksandr or Olexander.',
    paragraphs: [
      'Names written in Cyrillic, Greek, Georgian, Arabic or Armenian script reach police files in several Latin spellings, depending on the country and the year the document was issued.',
      'The demonstration office records every known spelling as an alias, so that a search for one form also finds the others.',
    ],
  },
  {
    slug: 'demo-annual-meeting-2026', kind: 'event', lang: 'en', day: 35, event: { day: 120, hour: 8, days: 2 },
    eventPlace: 'Conference hall of the demonstration office (fictional venue)',
    title: 'Demo event: annual meeting of liaison officers',
    summary: 'Two days of workshops for the fictional liaison officers of all participating countries.',
    paragraphs: [
      'The imaginary office invites its liaison officers to two days of workshops on notice quality, data protection and cross-border searches.',
      'Registration opens one month before the meeting through the officers’ portal.',
    ],
  },
  {
    slug: 'demo-police-directory-updated', kind: 'news', lang: 'en', day: 48, eventPlace: null,
    title: 'Demo: police directory checked and updated',
    summary: 'Emergency numbers and official websites of all member and candidate countries have been reviewed.',
    paragraphs: [
      'The police directory lists, for every participating country, the emergency numbers and the official police websites, each with the source it was checked against.',
      'Where a fact could not be confirmed, the directory says so rather than guess.',
    ],
  },
  {
    slug: 'demo-ouverture-du-site', kind: 'news', lang: 'fr', day: 55, eventPlace: null,
    title: 'Démo : le bureau de liaison ouvre son site public',
    summary: 'Le bureau de liaison fictif publie désormais les notices de personnes recherchées et disparues.',
    paragraphs: [
      'Le bureau de liaison de démonstration ouvre un site public où chacun peut consulter les notices de personnes recherchées ou disparues que les pays participants lui ont demandé de publier.',
      'Chaque notice présente les noms dans toutes les graphies connues, une description physique et, pour les personnes recherchées, les faits reprochés.',
    ],
  },
  {
    slug: 'demo-training-data-protection', kind: 'event', lang: 'en', day: 61, event: { day: 95, hour: 9, days: 1 },
    eventPlace: 'Online (fictional webinar)',
    title: 'Demo event: data protection training for notice editors',
    summary: 'A half-day online course on publishing personal data lawfully and removing notices on time.',
    paragraphs: [
      'Notice editors of the fictional office learn when a notice must be withdrawn, how long published data may stay online and how to answer a request from the person concerned.',
    ],
  },
  {
    slug: 'demo-found-thanks-to-public', kind: 'news', lang: 'en', day: 74, eventPlace: null,
    title: 'Demo: a missing teenager found thanks to a reader',
    summary: 'An imaginary case: a reader recognised a missing teenager from a notice and called the police.',
    paragraphs: [
      'In this invented example, a train conductor recognised a teenager from a missing-person notice and alerted the police, who brought the young person home the same evening.',
      'The notice was withdrawn the next morning, as the office does for every person found.',
    ],
  },
  {
    slug: 'demo-open-day', kind: 'event', lang: 'en', day: 90, event: { day: 150, hour: 9, days: 1 },
    eventPlace: 'Headquarters of the demonstration office (fictional address)',
    title: 'Demo event: open day at the liaison office',
    summary: 'Visitors can meet the fictional team and see how a notice is prepared and checked.',
    paragraphs: [
      'The imaginary office opens its doors for one day. Short talks every hour explain how requests from the participating countries become public notices.',
    ],
  },
  {
    slug: 'demo-new-languages', kind: 'news', lang: 'en', day: 103, eventPlace: null,
    title: 'Demo: the notice site in more languages',
    summary: 'The fictional site adds interface languages; notice texts stay in the wording of the issuing country.',
    paragraphs: [
      'Menus, search filters and help pages are being translated. Charges remain in the language of the issuing country, with an English translation where one was supplied.',
    ],
  },
  {
    slug: 'demo-journee-portes-ouvertes', kind: 'event', lang: 'fr', day: 110, event: { day: 150, hour: 9, days: 1 },
    eventPlace: 'Siège du bureau de démonstration (adresse fictive)',
    title: 'Démo : journée portes ouvertes du bureau de liaison',
    summary: 'Le public peut rencontrer l’équipe fictive et découvrir comment une notice est préparée.',
    paragraphs: [
      'Le bureau imaginaire ouvre ses portes pendant une journée. Des présentations courtes expliquent comment les demandes des pays participants deviennent des notices publiques.',
    ],
  },
  {
    slug: 'demo-exercise-cross-border-search', kind: 'event', lang: 'en', day: 130, event: { day: 200, hour: 7, days: 3 },
    eventPlace: 'Three border crossings (fictional exercise)',
    title: 'Demo event: cross-border search exercise',
    summary: 'A three-day tabletop exercise on tracing a missing person across several countries.',
    paragraphs: [
      'Liaison officers from the fictional office rehearse how information about a missing person is shared between countries within hours rather than days.',
    ],
  },
  {
    slug: 'demo-annual-report', kind: 'news', lang: 'en', day: 160, eventPlace: null,
    title: 'Demo: the liaison office publishes its annual report',
    summary: 'Invented figures on notices published, withdrawn and resolved over the past year.',
    paragraphs: [
      'The imaginary annual report counts the notices published for each participating country and how many persons were found or arrested.',
      'All figures in this demonstration are invented.',
    ],
  },
  {
    slug: 'demo-website-accessibility', kind: 'news', lang: 'en', day: 190, eventPlace: null,
    title: 'Demo: notice pages now easier to read aloud',
    summary: 'Screen readers now announce names in other scripts with the right language.',
    paragraphs: [
      'Each name in its original script is marked with its language, so that screen readers pronounce it correctly instead of spelling it letter by letter.',
    ],
  },
];

const addDays = (base: Date, days: number, hour?: number): string => {
  const d = new Date(base.getTime() + days * 86_400_000);
  if (hour !== undefined) d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** The demo news and events, oldest first, each ending with a paragraph saying it is fictional. */
export function demoNews(baseDate: string = DEMO_BASE_DATE): DemoNewsItem[] {
  const base = new Date(baseDate);
  return specs.map(({ day, event, paragraphs, ...item }) => ({
    ...item,
    body: [...paragraphs, item.lang === 'fr' ? NOTE_FR : NOTE].join('\n\n'),
    eventStart: event ? addDays(base, event.day, event.hour) : null,
    eventEnd: event ? addDays(base, event.day + event.days - 1, event.hour + 9) : null,
    publishedAt: addDays(base, day),
  }));
}
