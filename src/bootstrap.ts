/** Wires the platform together from a validated config: database, migrations, reference and demo data, HTTP app. */
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { I18n } from './i18n/i18n.ts';
import { NoticeIndex } from './services/notices/notice-index.ts';
import { seedDemoData, seedReferenceData } from './services/demo/seed-demo.ts';
import { seedDemoAccounts, type DemoCredential } from './services/demo/seed-demo-accounts.ts';
import { openStore, sqlitePathIn, type Store } from './storage/db.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { createApp } from './web/app.ts';
import type { AppDeps } from './web/context.ts';

export type Platform = {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** The demo accounts' credentials, only on the start that created them (null otherwise). */
  demoCredentials: DemoCredential[] | null;
  close(): Promise<void>;
};

export function openConfiguredStore(config: Config): Store {
  return config.databaseUrl
    ? openStore({ databaseUrl: config.databaseUrl })
    : openStore({ sqlitePath: config.dataDir === ':memory:' ? ':memory:' : sqlitePathIn(config.dataDir) });
}

/** Opens the database, brings it up to date, and builds the app; the caller listens and closes. */
export async function openPlatform(config: Config, logger: Logger, store: Store = openConfiguredStore(config)): Promise<Platform> {
  const applied = await migrateToLatest(store);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  await seedReferenceData(store.db);
  let demoCredentials: DemoCredential[] | null = null;
  if (config.demoData) {
    const seeded = await seedDemoData(store.db);
    if (seeded.seeded) logger.info(seeded, 'demo data seeded (fictional)');
    demoCredentials = await seedDemoAccounts(store.db, { issuer: config.site.name });
  }
  const noticeIndex = await NoticeIndex.build(store.db, { logger });
  const deps: AppDeps = { config, store, logger, i18n: new I18n(), noticeIndex };
  return {
    deps,
    app: createApp(deps),
    demoCredentials,
    close: async () => {
      noticeIndex.close();
      await store.close();
    },
  };
}
