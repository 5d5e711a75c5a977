/** Draws the printable A4 poster of a public notice as a PDF, with fonts for every script a name may be written in. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import sharp from 'sharp';

export type PosterFact = { label: string; value: string };

/** Everything the poster says, already in the reader's language: the renderer decides layout only. */
export type PosterView = {
  /** BCP 47 language of the texts, written into the PDF so screen readers and extractors read it right. */
  lang: string;
  kind: 'wanted' | 'missing';
  /** The document title (`Wanted: Forename Family`). */
  title: string;
  /** The banner word: `Wanted`, `Missing`. */
  headline: string;
  name: string;
  nameOriginal: string | null;
  facts: PosterFact[];
  adviceTitle: string;
  advice: string[];
  office: string;
  url: string;
  /** The sentence above the URL, telling the reader that the QR code leads to the same address. */
  scanHint: string;
  /** Said on the poster of a fictional record, so a printed demo is never taken for a real appeal. */
  demoNote: string | null;
  /** Shown in the photo's place when the notice has none. */
  noPhoto: string;
  /** The notice's last change, written as the PDF's creation date so one notice on one day gives the same bytes. */
  changedAt: Date;
};

export type PosterPhoto = { data: Uint8Array; contentType: string };

/** The dark and light modules of a QR code, drawn as vector squares so it scans at any print size. */
export type QrMatrix = { size: number; dark: (row: number, col: number) => boolean };

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.data[row * modules.size + col] === 1 };
}

// ---- Fonts --------------------------------------------------------------------------------------------------------

/**
 * One font file and the code points it covers. The Noto fonts come from the @fontsource packages, which split each
 * family into files per Unicode range (listed in each package's unicode.json); WOFF rather than WOFF2, because
 * fontkit cannot subset the transformed glyph table of WOFF2 files.
 */
type Face = { key: string; regular: Buffer; bold: Buffer; ranges: [number, number][]; rtl: boolean };

const require = createRequire(import.meta.url);

/** Families in the order a character looks for a face: the Latin, Cyrillic and Greek family first. */
const families = [
  { unicode: require.resolve('@fontsource/noto-sans/unicode.json'), stem: 'noto-sans', subsets: ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'] },
  { unicode: require.resolve('@fontsource/noto-sans-georgian/unicode.json'), stem: 'noto-sans-georgian', subsets: ['georgian'] },
  { unicode: require.resolve('@fontsource/noto-sans-armenian/unicode.json'), stem: 'noto-sans-armenian', subsets: ['armenian'] },
  { unicode: require.resolve('@fontsource/noto-sans-arabic/unicode.json'), stem: 'noto-sans-arabic', subsets: ['arabic'], rtl: true },
] as const;

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [from = '0', to = from] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to, 16)];
  });
}

let loaded: Face[] | undefined;

/** Read once per process, on the first poster: a few hundred kilobytes that most instances may never need. */
function faces(): Face[] {
  if (loaded) return loaded;
  loaded = families.flatMap((family) => {
    const dir = dirname(family.unicode);
    const ranges = JSON.parse(readFileSync(family.unicode, 'utf8')) as Record<string, string>;
    return family.subsets.map((subset) => {
      const spec = ranges[subset];
      if (!spec) throw new Error(`${family.stem}: no unicode range for subset ${subset}`);
      const file = (weight: number) => readFileSync(join(dir, 'files', `${family.stem}-${subset}-${weight}-normal.woff`));
      return { key: `${family.stem}-${subset}`, regular: file(400), bold: file(700), ranges: parseRanges(spec), rtl: 'rtl' in family };
    });
  });
  return loaded;
}

/** Every file has the space and no-break space (the ranges leave them to Latin), so words of one script stay one run. */
const spaces = new Set([0x20, 0xa0]);
const covers = (face: Face, cp: number): boolean => spaces.has(cp) || face.ranges.some(([from, to]) => cp >= from && cp <= to);

/** `missing`: no embedded font covers the run's characters; it is drawn in the Latin font (as empty boxes). */
type Run = { face: Face; text: string; dir: 'rtl' | 'ltr' | 'neutral'; missing: boolean };

/**
 * Splits text into runs that one face can draw: a character stays in the current run while that face covers it (so
 * spaces and punctuation do not break a word's run), else it opens a run in the first face that does.
 */
export function scriptRuns(text: string): Run[] {
  const all = faces();
  const fallback = all[0] as Face;
  const runs: Run[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) as number;
    const last = runs.at(-1);
    if (last && !last.missing && covers(last.face, cp)) {
      last.text += ch;
      continue;
    }
    const face = all.find((f) => covers(f, cp));
    if (!face && last?.missing) last.text += ch;
    else runs.push({ face: face ?? fallback, text: ch, dir: 'neutral', missing: !face });
  }
  for (const run of runs) run.dir = run.face.rtl ? 'rtl' : /\p{L}/u.test(run.text) ? 'ltr' : 'neutral';
  return runs;
}

/**
 * The runs of one line in drawing order, left to right. fontkit shapes and reverses the glyphs inside a right-to-left
 * run; a line that starts in a right-to-left script also draws its runs from right to left, keeping each stretch of
 * left-to-right runs (a Latin word, a number) in reading order. Enough for names and short lines, not a full
 * bidirectional algorithm: wrapped right-to-left paragraphs would need one.
 */
export function visualRuns(text: string): Run[] {
  const runs = scriptRuns(text);
  const first = runs.find((r) => r.dir !== 'neutral');
  if (first?.dir !== 'rtl') return runs;
  const blocks: Run[][] = [];
  for (let i = 0; i < runs.length; ) {
    const run = runs[i] as Run;
    if (run.dir !== 'ltr') {
      blocks.push([run]);
      i += 1;
      continue;
    }
    let end = i;
    for (let j = i + 1; j < runs.length && runs[j]?.dir !== 'rtl'; j++) if (runs[j]?.dir === 'ltr') end = j;
    blocks.push(runs.slice(i, end + 1));
    i = end + 1;
  }
  return blocks.reverse().flat();
}

// ---- Layout ---------------------------------------------------------------------------------------------------------

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const CONTENT = A4.width - 2 * MARGIN;
const colours = { wanted: '#8a1c1c', missing: '#1d4f91', ink: '#1a1a1a', muted: '#4a4a4a', rule: '#b8b8b8', panel: '#f1f1f1' };

type Doc = PDFKit.PDFDocument;
type TextStyle = { size: number; bold?: boolean; color?: string; width: number; lineGap?: number; height?: number };

function fontName(face: Face, bold: boolean | undefined): string {
  return `${face.key}-${bold ? 700 : 400}`;
}

/** Writes one paragraph at (x, y), switching fonts per script run; returns the y below it. */
function write(doc: Doc, text: string, x: number, y: number, style: TextStyle): number {
  const runs = visualRuns(text);
  doc.fontSize(style.size).fillColor(style.color ?? colours.ink);
  runs.forEach((run, i) => {
    doc.font(fontName(run.face, style.bold));
    // Without `features`, pdfkit lays out word by word, which puts right-to-left words in left-to-right order; with
    // them it hands the whole run to fontkit, which shapes it (the script's own features come by default) and orders it.
    const options = {
      width: style.width,
      lineGap: style.lineGap ?? 1,
      continued: i < runs.length - 1,
      ...(run.dir === 'rtl' ? { features: [] } : {}),
      ...(style.height ? { height: style.height, ellipsis: true } : {}),
    };
    if (i === 0) doc.text(run.text, x, y, options);
    else doc.text(run.text, options);
  });
  return doc.y;
}

/** JPEG and PNG embed as they are; the other photo types the upload pipeline keeps are converted for the PDF. */
async function embeddable(photo: PosterPhoto): Promise<Buffer> {
  const data = Buffer.from(photo.data);
  if (photo.contentType === 'image/jpeg' || photo.contentType === 'image/png') return data;
  return sharp(data).jpeg({ quality: 90 }).toBuffer();
}

function drawQr(doc: Doc, qr: QrMatrix, x: number, y: number, side: number): void {
  const quiet = 4;
  const cell = side / (qr.size + 2 * quiet);
  doc.rect(x, y, side, side).fill('#ffffff');
  for (let row = 0; row < qr.size; row++)
    for (let col = 0; col < qr.size; col++) if (qr.dark(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
  doc.fill('#000000');
}

function drawPhoto(doc: Doc, view: PosterView, image: Buffer | null, x: number, y: number, w: number, h: number): void {
  doc.rect(x, y, w, h).fill(colours.panel);
  if (image) doc.image(image, x, y, { fit: [w, h], align: 'center', valign: 'center' });
  else write(doc, view.noPhoto, x, y + h / 2 - 8, { size: 12, color: colours.muted, width: w });
  doc.rect(x, y, w, h).lineWidth(0.75).stroke(colours.rule);
}

function drawFacts(doc: Doc, facts: PosterFact[], x: number, y: number, width: number, bottom: number): number {
  let at = y;
  for (const fact of facts) {
    if (at > bottom - 24) break;
    at = write(doc, fact.label, x, at, { size: 9, bold: true, color: colours.muted, width });
    at = write(doc, fact.value, x, at + 1, { size: 12, width, height: Math.max(16, bottom - at), lineGap: 1.5 }) + 7;
  }
  return at;
}

/**
 * Renders the poster: one A4 page whatever the notice holds (long fact lists are cut with an ellipsis), in the order
 * a passer-by reads it: who, what they look like, what to do, where to find the notice.
 */
export async function renderPoster(view: PosterView, photo: PosterPhoto | null, qr: QrMatrix): Promise<Buffer> {
  const image = photo ? await embeddable(photo) : null;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: true,
    lang: view.lang,
    displayTitle: true,
    info: { Title: view.title, Author: view.office, Subject: view.url, CreationDate: view.changedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const face of faces()) {
    doc.registerFont(fontName(face, false), face.regular);
    doc.registerFont(fontName(face, true), face.bold);
  }
  // Text that runs past the page's end would otherwise open a second page; every block below is sized to fit.
  const colour = colours[view.kind];

  let y = MARGIN;
  y = write(doc, view.office, MARGIN, y, { size: 10, bold: true, color: colours.muted, width: CONTENT }) + 6;
  doc.rect(MARGIN, y, CONTENT, 54).fill(colour);
  write(doc, view.headline.toLocaleUpperCase(view.lang), MARGIN + 16, y + 11, { size: 30, bold: true, color: '#ffffff', width: CONTENT - 32, height: 40 });
  y += 54 + 14;
  if (view.demoNote) y = write(doc, view.demoNote, MARGIN, y, { size: 10, bold: true, color: colours.wanted, width: CONTENT }) + 8;

  y = write(doc, view.name, MARGIN, y, { size: 24, bold: true, width: CONTENT, height: 64 });
  if (view.nameOriginal) y = write(doc, view.nameOriginal, MARGIN, y + 2, { size: 20, width: CONTENT, height: 56 });
  y += 12;

  const photoW = 210;
  const photoH = 280;
  drawPhoto(doc, view, image, MARGIN, y, photoW, photoH);
  const factsX = MARGIN + photoW + 20;
  const factsBottom = y + photoH + 40;
  const factsEnd = drawFacts(doc, view.facts, factsX, y, CONTENT - photoW - 20, factsBottom);
  y = Math.max(y + photoH, factsEnd) + 16;

  const footerTop = A4.height - MARGIN - 110;
  doc.rect(MARGIN, y, CONTENT, Math.max(0, footerTop - 14 - y)).fill(colours.panel);
  let at = write(doc, view.adviceTitle, MARGIN + 14, y + 10, { size: 14, bold: true, color: colour, width: CONTENT - 28 }) + 4;
  for (const line of view.advice) {
    if (at > footerTop - 40) break;
    doc.circle(MARGIN + 18, at + 6.5, 2).fill(colours.ink);
    at = write(doc, line, MARGIN + 28, at, { size: 11, width: CONTENT - 46, lineGap: 1.5, height: footerTop - 20 - at }) + 5;
  }

  doc.moveTo(MARGIN, footerTop).lineTo(A4.width - MARGIN, footerTop).lineWidth(0.75).stroke(colours.rule);
  drawQr(doc, qr, MARGIN, footerTop + 8, 100);
  const textX = MARGIN + 116;
  const textW = CONTENT - 116;
  let fy = write(doc, view.scanHint, textX, footerTop + 14, { size: 10, color: colours.muted, width: textW }) + 4;
  fy = write(doc, view.url, textX, fy, { size: 11, bold: true, width: textW, height: 30 }) + 8;
  write(doc, view.office, textX, fy, { size: 10, width: textW, height: 26 });
  doc.link(MARGIN, footerTop + 8, 100, 100, view.url);

  doc.end();
  return done;
}
