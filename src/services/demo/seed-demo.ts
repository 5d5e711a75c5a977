/** Fills the database with the real police directory and, on an empty database, the fictional demonstration set. */
import { nowIso } from '../../core/ids.ts';
import { policeDirectory } from '../../core/police-directory.ts';
import { DEMO_NOTICE_COUNT, DEMO_SEED, generateDemoNotices } from '../../demo/generate.ts';
import { demoNews } from '../../demo/news.ts';
import { renderPortraitJpeg, type EncodedImage } from '../../render/portrait.ts';
import { countNotices, addNoticeImage, insertNotice } from '../../storage/repositories/notices.ts';
import { getNewsBySlug, insertNews } from '../../storage/repositories/news.ts';
import { upsertPoliceContact } from '../../storage/repositories/police-contacts.ts';
import { claimSeedStep, seedStepDone } from '../../storage/repositories/seed-markers.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../transaction.ts';

/** Writes every police directory entry (insert or replace): real reference data, seeded whatever DEMO_DATA says. */
export async function seedReferenceData(db: Db, now: string = nowIso()): Promise<{ policeContacts: number }> {
  await inTransaction(db, async (trx) => {
    for (const contact of policeDirectory) await upsertPoliceContact(trx, contact, now);
  });
  return { policeContacts: policeDirectory.length };
}

export type DemoSeedResult = { seeded: boolean; notices: number; images: number; news: number; renderMs: number; writeMs: number };

/** Renders portraits a few at a time: sharp works on its own threads, so small batches keep both cores busy. */
async function renderPortraits(seeds: (string | null)[], batch = 8): Promise<(EncodedImage | null)[]> {
  const out: (EncodedImage | null)[] = [];
  for (let i = 0; i < seeds.length; i += batch) {
    out.push(...(await Promise.all(seeds.slice(i, i + batch).map((s) => (s === null ? null : renderPortraitJpeg(s))))));
  }
  return out;
}

/**
 * Inserts the demo notices (published, with placeholder portraits) and demo news in one transaction, once per
 * database and only when it holds no notice at all; otherwise does nothing, so running it at every start-up is safe,
 * also from several instances starting together (the `demo-notices` marker is claimed in the same transaction).
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
  const portraits = await renderPortraits(notices.map((n) => n.portraitSeed));
  const renderMs = Math.round(performance.now() - renderStart);

  const writeStart = performance.now();
  const result = await inTransaction(db, async (trx) => {
    // Claimed inside the transaction: a concurrent seeder waits here for this one's outcome and then backs off. A
    // database that already holds notices keeps them alone, and the claim records that the step is over.
    if (!(await claimSeedStep(trx, 'demo-notices', nowIso())) || (await countNotices(trx)) > 0) return null;
    let images = 0;
    for (const [i, demo] of notices.entries()) {
      const notice = await insertNotice(trx, demo.input, { status: 'published', now: demo.publishedAt });
      const portrait = portraits[i];
      if (portrait) {
        await addNoticeImage(trx, notice.id, portrait);
        images++;
      }
    }
    let news = 0;
    for (const item of demoNews()) {
      if (await getNewsBySlug(trx, item.slug)) continue;
      await insertNews(trx, { ...item, isDemo: true }, item.publishedAt);
      news++;
    }
    return { images, news };
  });
  if (!result) return skipped;
  return { seeded: true, notices: notices.length, ...result, renderMs, writeMs: Math.round(performance.now() - writeStart) };
}
