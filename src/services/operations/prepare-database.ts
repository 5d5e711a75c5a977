/** Prepares the database at start-up (migrations, reference data, demo data) exactly once however many instances start together. */
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import type { Store } from '../../storage/db.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import { withPrepareLock } from '../../storage/prepare-lock.ts';
import { seedDemoAccounts, type DemoCredential } from '../demo/seed-demo-accounts.ts';
import { seedDemoData, seedReferenceData, type DemoSeedResult } from '../demo/seed-demo.ts';
import { seedDemoCases } from '../demo/seed-demo-cases.ts';
import { seedDemoRequests } from '../demo/seed-demo-requests.ts';
import type { PhotoStore } from '../../core/photos.ts';

export type PreparedDatabase = {
  /** Migrations applied by this start (none when another instance, or an earlier start, applied them). */
  applied: string[];
  seeded: { policeContacts: number; demo: DemoSeedResult | null };
  /** The demo accounts' credentials, only on the start that created them. */
  demoCredentials: DemoCredential[] | null;
};

/**
 * Migrates, writes the reference data and, when `config.demoData`, seeds the demo notices and accounts. On PostgreSQL
 * the whole step runs under one advisory lock, so instances take turns and the later ones find the work done; the
 * demo steps are also claimed by a marker row in their own transactions, which keeps them single on SQLite and
 * against operators' commands that seed outside this lock.
 */
export async function prepareDatabase(
  store: Store,
  config: Pick<Config, 'demoData' | 'site'>,
  logger: Pick<Logger, 'info'>,
  photoStore: PhotoStore,
): Promise<PreparedDatabase> {
  return withPrepareLock(
    store,
    async (db) => {
      const applied = await migrateToLatest({ ...store, db });
      if (applied.length > 0) logger.info({ applied }, 'database migrated');
      const reference = await seedReferenceData(db);
      if (!config.demoData) return { applied, seeded: { ...reference, demo: null }, demoCredentials: null };
      const demo = await seedDemoData(db);
      if (demo.seeded) logger.info(demo, 'demo data seeded (fictional)');
      const demoCredentials = await seedDemoAccounts(db, { issuer: config.site.name });
      // After the demo notices (which seed only an empty notices table) and accounts (whose officers draft the requests).
      const requests = await seedDemoRequests(db, photoStore, undefined, new Date());
      if (requests.seeded) logger.info(requests, 'demo notice requests seeded (fictional)');
      // After the requests: one case names a person with a published demo request, for the cross-check to find.
      const cases = await seedDemoCases(db, photoStore, new Date());
      if (cases.seeded) logger.info(cases, 'demo cases seeded (fictional)');
      return { applied, seeded: { ...reference, demo }, demoCredentials };
    },
    { onWait: () => logger.info('another instance is preparing the database; waiting for it') },
  );
}
