import { describe, expect, it } from 'vitest';
import { noticeInputSchema, type Notice, type NoticeInput } from '../../../core/notices.ts';
import { I18n } from '../../../i18n/i18n.ts';
import { NoticeDetailPage } from './detail-page.tsx';
import { shareDescription } from './sharing.tsx';

const i18n = new I18n();

function notice(over: Partial<NoticeInput>): Notice {
  const facts = noticeInputSchema.parse({
    kind: 'missing', familyName: 'Tilemann', forename: 'Ida', nameOriginal: null, aliases: [], sex: 'F', dateOfBirth: '1990-04-02',
    placeOfBirth: null, countryOfBirth: null, nationalities: ['AT'], heightM: 1.7, weightKg: null, eyeColors: ['BLU', 'GRE'],
    hairColors: ['BRO', 'GRY'], languages: [], distinguishingMarks: 'Scar on the left hand', charges: [],
    disappearance: { date: '2026-01-15', place: 'Graz', circumstances: 'Left home on foot in the evening.' }, isDemo: true, ...over,
  });
  return { ...facts, id: 'n1', reference: '2026/00001', status: 'published', images: [], createdAt: '2026-01-16T08:00:00Z', updatedAt: '2026-01-16T08:00:00Z', publishedAt: '2026-01-16T08:00:00Z' };
}

const render = (lang: string, n: Notice): string =>
  String(<NoticeDetailPage tr={i18n.translator(lang)} notice={n} today={new Date('2026-06-01T00:00:00Z')} contact={{ country: undefined, contact: undefined }} selfPath="/notices/x" share={{ url: "https://example.test/notices/x", title: "t", text: "s" }} />);

const wanted = (sex: 'M' | 'F' | 'U') =>
  notice({
    kind: 'wanted', sex, disappearance: null,
    charges: [
      { issuingCountry: 'FR', charge: 'Armed robbery in Lyon', chargeTranslation: null, crimeCategory: null },
      { issuingCountry: 'DE', charge: 'Betrug in Köln', chargeTranslation: 'Fraud in Cologne', crimeCategory: null },
    ],
  });

describe('English record text on a French page', () => {
  it('marks circumstances, marks, English charges and translations as English, not a charge in the original language', () => {
    const missing = render('fr', notice({}));
    expect(missing).toMatch(/<p dir="auto" class="circumstances" lang="en">Left home/);
    expect(missing).toMatch(/<span dir="auto" lang="en">Scar on the left hand<\/span>/);
    const html = render('fr', wanted('M'));
    expect(html).toMatch(/<p dir="auto" class="charge-text" lang="en">Armed robbery in Lyon<\/p>/);
    expect(html).toMatch(/<p dir="auto" class="charge-text">Betrug in Köln<\/p>/);
    expect(html).toMatch(/<span dir="auto" lang="en">Fraud in Cologne<\/span>/);
  });

  it('adds no lang attribute on English pages, where the text is in the page’s language', () => {
    expect(render('en', wanted('M'))).not.toContain('lang="en"');
  });
});

describe('colour lists', () => {
  it('read as one phrase, capitalised only at the start', () => {
    const fr = render('fr', notice({}));
    expect(fr).toContain('<dd>Bruns et gris</dd>');
    expect(fr).toContain('<dd>Bleus et verts</dd>');
    expect(render('en', notice({}))).toContain('<dd>Brown and grey</dd>');
  });
});

describe('the sharing summary', () => {
  it('agrees with the sex in French where it is known', () => {
    const fr = i18n.translator('fr');
    expect(shareDescription(fr, notice({ sex: 'F' }))).toContain('Ida Tilemann est portée disparue depuis');
    expect(shareDescription(fr, notice({ sex: 'M', disappearance: null }))).toContain('est porté disparu.');
    expect(shareDescription(fr, notice({ sex: 'U' }))).toContain('est porté(e) disparu(e) depuis');
    expect(shareDescription(fr, wanted('F'))).toContain('est recherchée par ces pays');
    expect(shareDescription(fr, wanted('M'))).toContain('est recherché par ces pays');
  });

  it('reads naturally in English for every sex', () => {
    const en = i18n.translator('en');
    expect(shareDescription(en, notice({ sex: 'F' }))).toBe('Ida Tilemann has been missing since 15 January 2026. If you have information about her, contact your local police.');
    expect(shareDescription(en, wanted('U'))).toContain('If you have information about this person, contact');
  });
});
