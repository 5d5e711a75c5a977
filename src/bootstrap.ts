/** Wires the platform together from a validated config: database, migrations, reference and demo data, HTTP app. */
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { I18n } from './i18n/i18n.ts';
import { installAuditSigningKey } from './services/audit/install-audit-signing-key.ts';
import { purgeExpiredSessions } from './services/sessions/purge-expired-sessions.ts';
import { NoticeIndex } from './services/notices/notice-index.ts';
import { seedDemoData, seedReferenceData } from './services/demo/seed-demo.ts';
import { seedDemoAccounts, type DemoCredential } from './services/demo/seed-demo-accounts.ts';
import { openStore, sqlitePathIn, type Store } from './storage/db.ts';
import { migrateDatabase } from './services/operations/migrate-database.ts';
import { createApp } from './web/app.ts';
import type { AppDeps } from './web/context.ts';

/** How often each instance deletes expired sessions. */
const SESSION_PURGE_INTERVAL_MS = 5 * 60_000;

export type Platform = {
  deps: AppDeps;
  /** The database, for operators' tools and tests; the app itself reaches it only through use cases. */
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The demo accounts' credentials, only on the start that created them (null otherwise). */
  demoCredentials: DemoCredential[] | null;
  close(): Promise<void>;
};

/**
 * Opens the configured database, with the audit trail's signing key installed first, so every append of this process
 * (seeding, the server, operators' commands) is signed. Returns the key's warning, if any, for the caller to show.
 */
export function openConfiguredStore(config: Config, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Store {
  const key = installAuditSigningKey(config);
  if (key.warning) warn(key.warning);
  return config.databaseUrl
    ? openStore({ databaseUrl: config.databaseUrl })
    : openStore({ sqlitePath: config.dataDir === ':memory:' ? ':memory:' : sqlitePathIn(config.dataDir) });
}

/** Opens the database, brings it up to date, and builds the app; the caller listens and closes. */
export async function openPlatform(config: Config, logger: Logger, store: Store = openConfiguredStore(config, (m) => logger.warn(m))): Promise<Platform> {
  const applied = await migrateDatabase(store);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  await seedReferenceData(store.db);
  let demoCredentials: DemoCredential[] | null = null;
  if (config.demoData) {
    const seeded = await seedDemoData(store.db);
    if (seeded.seeded) logger.info(seeded, 'demo data seeded (fictional)');
    demoCredentials = await seedDemoAccounts(store.db, { issuer: config.site.name });
  }
  const noticeIndex = await NoticeIndex.build(store.db, { logger });
  // Expired sessions are refused on every request anyway; this keeps the table from growing. Safe on every instance.
  const purge = setInterval(() => {
    purgeExpiredSessions(store.db, new Date()).catch((err: unknown) => logger.warn({ err }, 'purging expired sessions failed'));
  }, SESSION_PURGE_INTERVAL_MS);
  purge.unref();
  const deps: AppDeps = { config, db: store.db, dialect: store.dialect, logger, i18n: new I18n(), noticeIndex };
  return {
    deps,
    store,
    app: createApp(deps),
    demoCredentials,
    close: async () => {
      clearInterval(purge);
      noticeIndex.close();
      await store.close();
    },
  };
}
