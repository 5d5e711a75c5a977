/**
 * Integration tests of the notice poster through the real app on the seeded demo data: a valid A4 PDF in the page's
 * language, whose extracted text holds every glyph of the names (Georgian and Armenian among them) and key facts.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { referenceToSlug, type Notice } from '../src/core/notices.ts';
import { I18n } from '../src/i18n/i18n.ts';
import { createLogger } from '../src/logger.ts';
import { getPublishedNotice } from '../src/services/notices/get-published-notice.ts';
import { PosterLink } from '../src/web/views/notices/poster-link.tsx';

const ORIGIN = 'https://office.example';
let platform: Platform;
const i18n = new I18n();

beforeAll(async () => {
  platform = await openPlatform(loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'true', LOG_LEVEL: 'silent', PUBLIC_URL: ORIGIN }), createLogger('silent'));
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

/** The first published demo notice whose name in original script is written in the given script. */
async function noticeInScript(script: 'Georgian' | 'Armenian' | 'Arabic', kind?: Notice['kind']): Promise<Notice> {
  const rows = await platform.store.db.selectFrom('notices').select(['reference', 'name_original', 'kind']).where('status', '=', 'published').execute();
  const pattern = new RegExp(`\\p{Script=${script}}`, 'u');
  const row = rows.find((r) => pattern.test(r.name_original ?? '') && (!kind || r.kind === kind));
  if (!row) throw new Error(`the demo data has no published ${kind ?? ''} notice with a ${script} name`);
  const notice = await getPublishedNotice(platform.store.db, referenceToSlug(row.reference));
  if (!notice) throw new Error(`${row.reference} is not readable as published`);
  return notice;
}

/** All the PDF's text in drawing order, and its page sizes in points. */
async function pdfText(pdf: Uint8Array): Promise<{ text: string; sizes: number[][] }> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await task.promise;
  const parts: string[] = [];
  const sizes: number[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    sizes.push(page.view.slice(2).map(Math.round));
    for (const item of (await page.getTextContent()).items) if ('str' in item) parts.push(item.str);
  }
  await task.destroy();
  return { text: parts.join(''), sizes };
}

/** White space and control characters (glyphs a font adds while shaping carry none) do not take part in the comparison. */
const squeeze = (s: string): string => s.normalize('NFC').replace(/[\s\p{Cc}]/gu, '');

async function poster(path: string) {
  const res = await platform.app.request(path);
  const body = new Uint8Array(await res.arrayBuffer());
  return { res, body };
}

describe('notice poster', () => {
  test.each([
    ['Georgian', 'en'],
    ['Armenian', 'fr'],
    ['Arabic', 'en'],
  ] as const)('a notice with a %s name, in %s: an A4 PDF with every glyph of its names and key facts', async (script, lang) => {
    const notice = await noticeInScript(script);
    const tr = i18n.translator(lang);
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const slug = referenceToSlug(notice.reference);
    const { res, body } = await poster(`${prefix}/notices/${slug}/poster.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="notice-${slug}.pdf"`);
    expect(Buffer.from(body.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text, sizes } = await pdfText(body);
    expect(sizes).toEqual([[595, 842]]);
    const expected = [
      notice.forename,
      notice.familyName,
      notice.nameOriginal ?? '',
      notice.reference,
      tr.t(`notices.kind.${notice.kind}`).toLocaleUpperCase(lang),
      ...notice.nationalities.map((c) => tr.country(c)),
      ...notice.charges.map((c) => tr.country(c.issuingCountry)),
      notice.dateOfBirth ? tr.partialDate(notice.dateOfBirth) : '',
      notice.sex === 'U' ? '' : tr.t(`sex.${notice.sex}`),
      notice.disappearance?.date ? tr.partialDate(notice.disappearance.date) : '',
      notice.disappearance?.place ?? '',
      platform.deps.config.site.name,
      `${ORIGIN}${prefix}/notices/${slug}`,
    ];
    expect(notice.nameOriginal).toMatch(new RegExp(`\\p{Script=${script}}`, 'u'));
    for (const want of expected) expect(squeeze(text), want).toContain(squeeze(want));
  });

  test('a wanted person’s poster names the charges and the countries issuing them', async () => {
    const notice = await noticeInScript('Georgian', 'wanted');
    const tr = i18n.translator('en');
    const { text } = await pdfText((await poster(`/notices/${referenceToSlug(notice.reference)}/poster.pdf`)).body);
    expect(squeeze(text)).toContain(squeeze(tr.t('poster.wanted_by', { sex: notice.sex })));
    for (const c of notice.charges) expect(squeeze(text)).toContain(squeeze(c.crimeCategory ? tr.t(`crime.${c.crimeCategory}`) : c.charge));
  });

  test('the poster is dated by the notice, so a repeated request is answered 304 by its ETag', async () => {
    const notice = await noticeInScript('Armenian');
    const path = `/notices/${referenceToSlug(notice.reference)}/poster.pdf`;
    const first = await poster(path);
    const etag = first.res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect((await poster(path)).res.headers.get('etag')).toBe(etag);
    const again = await platform.app.request(path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  test('the poster link of a notice page leads to the poster in the page’s language', async () => {
    const notice = await noticeInScript('Georgian');
    const tr = i18n.translator('fr');
    const html = await PosterLink({ tr, noticePath: `/fr/notices/${referenceToSlug(notice.reference)}` }).toString();
    const href = /href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(html).toContain(`>${tr.t('poster.link')}</a>`);
    expect(html).toContain('type="application/pdf"');
    const { res, body } = await poster(href);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(squeeze((await pdfText(body)).text)).toContain(squeeze(tr.t('poster.what_to_do')));
  });

  test('an unknown or malformed notice has no poster', async () => {
    expect((await poster('/notices/1999-99999/poster.pdf')).res.status).toBe(404);
    expect((await poster('/fr/notices/not-a-reference/poster.pdf')).res.status).toBe(404);
  });
});
