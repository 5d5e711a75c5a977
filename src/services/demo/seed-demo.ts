/** Fills the database with the real police directory and, on an empty database, the fictional demonstration set. */
import { nowIso } from '../../core/ids.ts';
import { policeDirectory } from '../../core/police-directory.ts';
import { DEMO_NOTICE_COUNT, DEMO_SEED, generateDemoNotices, type DemoPortrait } from '../../demo/generate.ts';
import { demoNews } from '../../demo/news.ts';
import { renderPortraitJpeg, type EncodedImage } from '../../render/portrait.ts';
import { countNotices, addNoticeImage, insertNoticeRow } from '../../storage/repositories/notices.ts';
import { getNewsBySlug, insertNews } from '../../storage/repositories/news.ts';
import { upsertPoliceContact } from '../../storage/repositories/police-contacts.ts';
import { claimSeedStep, seedStepDone } from '../../storage/repositories/seed-markers.ts';
import type { Transaction } from 'kysely';
import type { Db } from '../../storage/db.ts';
import type { Database } from '../../storage/schema.ts';
import { inTransaction } from '../transaction.ts';

/** Writes every police directory entry (insert or replace): real reference data, seeded whatever DEMO_DATA says. */
export async function seedReferenceData(db: Db, now: string = nowIso()): Promise<{ policeContacts: number }> {
  await inTransaction(db, async (trx) => {
    for (const contact of policeDirectory) await upsertPoliceContact(trx, contact, now);
  });
  return { policeContacts: policeDirectory.length };
}

export type DemoSeedResult = { seeded: boolean; notices: number; images: number; news: number; renderMs: number; writeMs: number };

/** Notices written per transaction: large sets commit in steps, so no single transaction holds the database for minutes. */
const SEED_BATCH = 2000;

/** Renders each distinct portrait once, a few at a time: sharp works on its own threads, so small batches keep both cores busy. */
async function renderPortraits(portraits: (DemoPortrait | null)[], batch = 8): Promise<Map<string, EncodedImage>> {
  const distinct = new Map(portraits.flatMap((p) => (p ? [[portraitKey(p), p] as const] : [])));
  const out = new Map<string, EncodedImage>();
  const entries = [...distinct];
  for (let i = 0; i < entries.length; i += batch) {
    const chunk = entries.slice(i, i + batch);
    const images = await Promise.all(chunk.map(([, p]) => renderPortraitJpeg(p.seed, p.look)));
    chunk.forEach(([key], j) => out.set(key, images[j]!));
  }
  return out;
}

/** Notices with the same seed and look share one rendered portrait. */
const portraitKey = (p: DemoPortrait): string => `${p.seed}|${p.look.sex}|${p.look.hairColors.join(',')}`;

type DemoNotices = ReturnType<typeof generateDemoNotices>;

async function writeNotices(trx: Transaction<Database>, notices: DemoNotices, portraits: Map<string, EncodedImage>): Promise<number> {
  let images = 0;
  for (const demo of notices) {
    const id = await insertNoticeRow(trx, demo.input, { status: 'published', now: demo.publishedAt });
    const portrait = demo.portrait === null ? undefined : portraits.get(portraitKey(demo.portrait));
    if (portrait) {
      await addNoticeImage(trx, id, portrait);
      images++;
    }
  }
  return images;
}

/**
 * Inserts the demo notices (published, with placeholder portraits) and demo news, once per database and only when it
 * holds no notice at all; otherwise does nothing, so running it at every start-up is safe, also from several instances
 * starting together (the `demo-notices` marker is claimed in the first transaction, with the first batch of notices).
 * Sets larger than one batch commit batch by batch.
 */
export async function seedDemoData(
  db: Db,
  opts: { seed?: number; count?: number } = {},
): Promise<DemoSeedResult> {
  const skipped: DemoSeedResult = { seeded: false, notices: 0, images: 0, news: 0, renderMs: 0, writeMs: 0 };
  if ((await seedStepDone(db, 'demo-notices')) || (await countNotices(db)) > 0) return skipped;

  const notices = generateDemoNotices({ seed: opts.seed ?? DEMO_SEED, count: opts.count ?? DEMO_NOTICE_COUNT });
  // Rendering happens before the transaction so that no database connection is held while sharp works.
  const renderStart = performance.now();
  const portraits = await renderPortraits(notices.map((n) => n.portrait));
  const renderMs = Math.round(performance.now() - renderStart);

  const writeStart = performance.now();
  const first = await inTransaction(db, async (trx) => {
    // Claimed inside the transaction: a concurrent seeder waits here for this one's outcome and then backs off. A
    // database that already holds notices keeps them alone, and the claim records that the step is over.
    if (!(await claimSeedStep(trx, 'demo-notices', nowIso())) || (await countNotices(trx)) > 0) return null;
    const images = await writeNotices(trx, notices.slice(0, SEED_BATCH), portraits);
    let news = 0;
    for (const item of demoNews()) {
      if (await getNewsBySlug(trx, item.slug)) continue;
      await insertNews(trx, { ...item, isDemo: true }, item.publishedAt);
      news++;
    }
    return { images, news };
  });
  if (!first) return skipped;
  let images = first.images;
  for (let i = SEED_BATCH; i < notices.length; i += SEED_BATCH) {
    const batch = notices.slice(i, i + SEED_BATCH);
    images += await inTransaction(db, (trx) => writeNotices(trx, batch, portraits));
  }
  return { seeded: true, notices: notices.length, images, news: first.news, renderMs, writeMs: Math.round(performance.now() - writeStart) };
}
