/** The printable poster of a public notice: an A4 PDF in the reader's language, under every language prefix. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { officeText } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import type { Notice } from '../../core/notices.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { qrMatrix, renderPoster, type PosterFact, type PosterView } from '../../render/poster.ts';
import { getNoticePoster } from '../../services/notices/get-notice-poster.ts';
import type { Routes } from '../pipeline/routes.ts';
import { localPath } from '../views/layout.tsx';
import { ageLabel, countryList, crimeLabel, fullName, issuingCountries, kindLabel, noticeTitle, sexLabel } from '../views/notices/labels.ts';

const slugParams = z.object({ slug: z.string().max(40) });

/** The facts a passer-by can check against someone they saw, in the order of the notice page. */
function posterFacts(tr: Translator, n: Notice, today: Date): PosterFact[] {
  const facts: PosterFact[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) facts.push({ label, value });
  };
  if (n.dateOfBirth) {
    const age = ageLabel(tr, n.dateOfBirth, today);
    const date = tr.partialDate(n.dateOfBirth);
    add(tr.t('notices.detail.dob'), age ? tr.t('poster.dob_age', { date, age }) : date);
  }
  if (n.sex !== 'U') add(tr.t('notices.detail.sex'), sexLabel(tr, n.sex));
  add(tr.t('notices.detail.nationalities'), n.nationalities.length > 0 ? countryList(tr, n.nationalities) : null);
  if (n.kind === 'wanted') {
    add(tr.t('poster.wanted_by', { sex: n.sex }), countryList(tr, issuingCountries(n)));
    const charges = [...new Set(n.charges.map((c) => (c.crimeCategory ? crimeLabel(tr, c.crimeCategory) : c.charge)))];
    add(tr.t('notices.detail.charges'), charges.join('; '));
  }
  const d = n.disappearance;
  if (n.kind === 'missing' && d) {
    add(tr.t('notices.detail.disappearance_date'), d.date ? tr.partialDate(d.date) : null);
    add(tr.t('notices.detail.disappearance_place'), d.place);
    add(tr.t('notices.detail.disappearance_country'), d.country ? tr.country(d.country) : null);
  }
  add(tr.t('notices.detail.reference'), n.reference);
  return facts;
}

/** Everything the poster says, in the reader's language; the office's name as configured for that language. */
export function posterView(tr: Translator, n: Notice, office: string, url: string, today: Date): PosterView {
  return {
    lang: tr.lang,
    kind: n.kind,
    title: noticeTitle(tr, n),
    headline: kindLabel(tr, n.kind),
    name: fullName(n),
    nameOriginal: n.nameOriginal,
    facts: posterFacts(tr, n, today),
    adviceTitle: tr.t('poster.what_to_do'),
    advice: [
      tr.t(n.kind === 'wanted' ? 'poster.advice.wanted' : 'poster.advice.missing', { reference: n.reference }),
      tr.t('poster.advice.never_pay'),
      tr.t('poster.advice.never_asks', { office }),
    ],
    office,
    url,
    scanHint: tr.t('poster.scan'),
    demoNote: n.isDemo ? tr.t('layout.demo_banner') : null,
    changedAt: new Date(n.updatedAt),
    noPhoto: tr.t('site.no_photo'),
  };
}

/**
 * Posters drawn lately, by language, notice version, day and address: drawing one takes a few hundred milliseconds of
 * this instance's only thread, so a poster shared widely is drawn once, not once per reader. Bounded by total size.
 */
type Drawn = { pdf: Buffer; etag: string };
const MAX_DRAWN_BYTES = 32 * 1024 * 1024;
const drawnPosters = new Map<string, Drawn>();
let drawnBytes = 0;

async function drawn(key: string, draw: () => Promise<Drawn>): Promise<Drawn> {
  const known = drawnPosters.get(key);
  if (known) {
    drawnPosters.delete(key);
    drawnPosters.set(key, known);
    return known;
  }
  const poster = await draw();
  drawnPosters.set(key, poster);
  drawnBytes += poster.pdf.byteLength;
  for (const [oldKey, old] of drawnPosters) {
    if (drawnBytes <= MAX_DRAWN_BYTES) break;
    drawnPosters.delete(oldKey);
    drawnBytes -= old.pdf.byteLength;
  }
  return poster;
}

export function registerPosterRoutes(routes: Routes): void {
  // A page, not an asset: only pages are mounted under every language prefix, and the poster is in the page's
  // language. The page budget (not the larger photo budget) suits it, since each poster is drawn on request. The page
  // cache keeps HTML only, so it is not asked.
  routes.page('/notices/:slug/poster.pdf', {
    authorise: 'public',
    cache: false,
    input: { params: slugParams },
    run: async ({ db, input }) => {
      const poster = await getNoticePoster(db, input.params.slug);
      if (!poster) throw new AppError('not_found', 'notices.not_found');
      return poster;
    },
    render: async (c, { notice, photo }, { params }) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      const office = officeText(config.site.names, tr.lang) ?? config.site.name;
      const url = `${config.publicUrl}${localPath(tr.lang, `/notices/${params.slug}`)}`;
      const today = new Date();
      const key = `${tr.lang}|${notice.id}|${notice.updatedAt}|${today.toISOString().slice(0, 10)}|${office}|${url}`;
      const { pdf, etag } = await drawn(key, async () => {
        const bytes = await renderPoster(posterView(tr, notice, office, url, today), photo, qrMatrix(url));
        // The same notice on the same day draws the same bytes (the PDF is dated by the notice's last change).
        return { pdf: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
      });
      const headers = { ETag: etag, 'Cache-Control': 'public, max-age=3600' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(new Uint8Array(pdf), 200, {
        ...headers,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="notice-${params.slug}.pdf"`,
        'Content-Length': String(pdf.byteLength),
      });
    },
  });
}
