/** Tests of the poster renderer: script runs and their order, and PDFs whose extracted text holds every glyph drawn. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, test } from 'vitest';
import { generateDemoNotices } from '../demo/generate.ts';
import { renderPortraitJpeg } from './portrait.ts';
import { qrMatrix, renderPoster, scriptRuns, visualRuns, type PosterView } from './poster.ts';

type PdfText = { pages: number; text: string; fonts: Map<string, string> };

/** The text of every page in drawing order, and which embedded font drew each text item. */
async function extract(pdf: Buffer): Promise<PdfText> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, fontExtraProperties: true });
  const doc = await task.promise;
  const parts: string[] = [];
  const fonts = new Map<string, string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    await page.getOperatorList();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      parts.push(item.str);
      const font = page.commonObjs.get(item.fontName) as { name?: string };
      if (item.str.trim()) fonts.set(item.str, font.name ?? '');
    }
  }
  const pages = doc.numPages;
  await task.destroy();
  return { pages, text: parts.join(''), fonts };
}

/**
 * Compared without white space and control characters: PDF text has no spaces of its own between drawn words, and
 * glyphs that a font adds while shaping (Arabic dots drawn apart from their letter) carry no character.
 */
const squeeze = (s: string): string => s.normalize('NFC').replace(/[\s\p{Cc}]/gu, '');

const names = {
  Georgian: 'გიორგი ლომიძე',
  Armenian: 'Սիրանուշ Հակոբյան',
  Arabic: 'رشيد الإدريسي',
  Greek: 'Δημήτριος Νικολαΐδης',
  Cyrillic: 'Никола Јовановић',
};

function view(over: Partial<PosterView> = {}): PosterView {
  return {
    lang: 'en',
    kind: 'wanted',
    title: 'Wanted: Łukasz Wiśniewski-Øster',
    headline: 'Wanted',
    name: 'Łukasz Wiśniewski-Øster',
    nameOriginal: names.Georgian,
    facts: [
      { label: 'Date of birth', value: '12 May 1980 (45 years old)' },
      { label: 'Sex', value: 'Male' },
      { label: 'Nationalities', value: 'Poland and Georgia' },
      { label: 'Wanted by', value: 'Germany and Česká republika' },
      { label: 'Charges', value: 'Fraud; Money laundering' },
      { label: 'Reference', value: '2026/00042' },
    ],
    adviceTitle: 'What to do',
    advice: ['Contact your local police and quote the reference 2026/00042.', 'Never pay anyone.', 'Test Office never asks for your personal or financial information.'],
    office: 'Test Office',
    url: 'https://office.example/notices/2026-00042',
    scanHint: 'Scan the code or go to this address:',
    demoNote: 'Demonstration site: everything here is fictional.',
    noPhoto: 'No photo',
    changedAt: new Date('2026-01-15T09:00:00Z'),
    ...over,
  };
}

describe('script runs', () => {
  test('a name in two scripts is two runs, each in the font of its script, spaces kept inside a run', () => {
    const runs = scriptRuns('Giorgi Lomidze გიორგი ლომიძე');
    expect(runs.map((r) => [r.text, r.face.key])).toEqual([
      ['Giorgi Lomidze ', 'noto-sans-latin'],
      ['გიორგი ლომიძე', 'noto-sans-georgian-georgian'],
    ]);
    expect(scriptRuns('Wiśniewski').map((r) => r.face.key)).toEqual(['noto-sans-latin', 'noto-sans-latin-ext', 'noto-sans-latin']);
  });

  test('an Arabic name is one right-to-left run; in a right-to-left line, runs are drawn from the right', () => {
    expect(visualRuns(names.Arabic).map((r) => [r.text, r.dir])).toEqual([[names.Arabic, 'rtl']]);
    expect(visualRuns('سعيد John Smith 12 حداد').map((r) => r.text)).toEqual(['حداد', 'John Smith 12 ', 'سعيد ']);
    expect(visualRuns('John سعيد').map((r) => r.text)).toEqual(['John ', 'سعيد']);
  });

  test('every character of the demo data has an embedded font', () => {
    const texts = generateDemoNotices().flatMap(({ input: n }) => [
      n.forename,
      n.familyName,
      n.nameOriginal ?? '',
      n.placeOfBirth ?? '',
      n.disappearance?.place ?? '',
      ...n.aliases.flatMap((a) => [a.forename, a.familyName]),
      ...n.charges.map((c) => c.charge),
    ]);
    const missing = texts.flatMap((t) => scriptRuns(t).filter((r) => r.missing).map((r) => `${r.text} in ${t}`));
    expect(missing).toEqual([]);
  });
});

describe('renderPoster', () => {
  test.each(Object.entries(names))('draws a %s name with every glyph, in the font of its script, on one A4 page', async (script, original) => {
    const pdf = await renderPoster(view({ nameOriginal: original }), { data: (await renderPortraitJpeg('poster')).data, contentType: 'image/jpeg' }, qrMatrix('https://office.example/notices/2026-00042'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text, fonts } = await extract(pdf);
    expect(pages).toBe(1);
    const v = view();
    for (const expected of [v.name, original, v.headline.toUpperCase(), v.office, v.url, v.adviceTitle, v.demoNote ?? '', ...v.advice, ...v.facts.flatMap((f) => [f.label, f.value])])
      expect(squeeze(text)).toContain(squeeze(expected));
    const family = script === 'Greek' || script === 'Cyrillic' ? /NotoSans-/ : new RegExp(`NotoSans${script}`);
    const drawnIn = [...fonts].filter(([s]) => squeeze(original).includes(squeeze(s))).map(([, f]) => f);
    expect(drawnIn.length).toBeGreaterThan(0);
    for (const f of drawnIn) expect(f).toMatch(family);
  });

  test('a poster without a photo says so, and the same view gives the same bytes', async () => {
    const qr = qrMatrix('https://office.example/notices/2026-00042');
    const pdf = await renderPoster(view({ kind: 'missing', headline: 'Missing', demoNote: null }), null, qr);
    expect((await extract(pdf)).text).toContain('No photo');
    expect((await renderPoster(view({ kind: 'missing', headline: 'Missing', demoNote: null }), null, qr)).equals(pdf)).toBe(true);
  });

  test('a photo in WebP is converted for the PDF', async () => {
    const { default: sharp } = await import('sharp');
    const webp = await sharp((await renderPortraitJpeg('webp')).data).webp().toBuffer();
    const pdf = await renderPoster(view(), { data: webp, contentType: 'image/webp' }, qrMatrix('x'));
    expect(pdf.includes('/Subtype /Image')).toBe(true);
  });

  test('the QR code holds the modules of the address', () => {
    const qr = qrMatrix('https://office.example/notices/2026-00042');
    expect(qr.size).toBeGreaterThanOrEqual(21);
    // Finder patterns: the three corners are dark, the module beside each finder's outer ring is light.
    expect([qr.dark(0, 0), qr.dark(0, qr.size - 1), qr.dark(qr.size - 1, 0), qr.dark(7, 7)]).toEqual([true, true, true, false]);
  });
});
