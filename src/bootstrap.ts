/** Wires the platform together from a validated config: database, migrations, reference and demo data, HTTP app. */
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { I18n } from './i18n/i18n.ts';
import { installAuditSigningKey } from './services/audit/install-audit-signing-key.ts';
import { purgeExpiredSessions } from './services/sessions/purge-expired-sessions.ts';
import { purgeParkedForms } from './services/sessions/park-form.ts';
import { NoticeIndex } from './services/notices/notice-index.ts';
import { expireNoticeRequests } from './services/notice-requests/expire-notice-requests.ts';
import { eraseExpiredCases } from './services/cases/case-retention.ts';
import { notifyOverdueCases } from './services/cases/notify-overdue-cases.ts';
import { startMailer } from './services/cases/send-pending-emails.ts';
import { startDraining, waitForDatabase } from './services/site/check-health.ts';
import type { DemoCredential } from './services/demo/seed-demo-accounts.ts';
import { prepareDatabase } from './services/operations/prepare-database.ts';
import { openStore, sqlitePathIn, type Store } from './storage/db.ts';
import { openPhotoStore } from './storage/photo-store.ts';
import { createApp } from './web/app.ts';
import type { AppDeps } from './web/context.ts';

/** How often each instance deletes expired sessions. */
const SESSION_PURGE_INTERVAL_MS = 5 * 60_000;
/** How often each instance looks for notices past their expiry date, cases past their deadline or their retention. */
const CLOCK_INTERVAL_MS = 5 * 60_000;

export type Platform = {
  deps: AppDeps;
  /** The database, for operators' tools and tests; the app itself reaches it only through use cases. */
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The demo accounts' credentials, only on the start that created them (null otherwise). */
  demoCredentials: DemoCredential[] | null;
  /** Makes /healthz answer 503 "draining", so the load balancer stops sending before the server stops accepting. */
  startDraining(): void;
  close(): Promise<void>;
};

/**
 * Opens the configured database, with the audit trail's signing key installed first, so every append of this process
 * (seeding, the server, operators' commands) is signed. Returns the key's warning, if any, for the caller to show.
 */
export function openConfiguredStore(config: Config, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Store {
  const key = installAuditSigningKey(config);
  if (key.warning) warn(key.warning);
  const { poolSize, connectTimeoutMs, statementTimeoutMs, lockTimeoutMs } = config.db;
  const limits = { poolSize, connectTimeoutMs, statementTimeoutMs, lockTimeoutMs };
  return config.databaseUrl
    ? openStore({
        databaseUrl: config.databaseUrl,
        ...limits,
        // A restart of PostgreSQL drops every connection; the pool opens new ones on the next query.
        onConnectionError: (err) => warn(`database connection lost (${connectionErrorCode(err)}): ${err.message}; reconnecting on the next query`),
      })
    : openStore({ sqlitePath: config.dataDir === ':memory:' ? ':memory:' : sqlitePathIn(config.dataDir), ...limits });
}

function connectionErrorCode(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'no code';
}

/** Opens the database, brings it up to date, and builds the app; the caller listens and closes. */
export async function openPlatform(config: Config, logger: Logger, store: Store = openConfiguredStore(config, (m) => logger.warn(m))): Promise<Platform> {
  // Started together with its database (or while it restarts), an instance waits for it instead of exiting at once.
  await waitForDatabase(store.db, {
    waitMs: config.db.startupWaitMs,
    pingTimeoutMs: config.db.connectTimeoutMs + config.db.statementTimeoutMs,
    onWait: ({ attempt, retryInMs, reason }) => logger.warn({ attempt, retryInMs, reason }, `database not reachable yet, retrying in ${retryInMs} ms`),
  });
  // Migrations, reference data and demo data, once however many instances start together.
  const photoStore = openPhotoStore({ kind: config.photoStorage, dataDir: config.dataDir, db: store.db });
  const { demoCredentials } = await prepareDatabase(store, config, logger, photoStore);
  const noticeIndex = await NoticeIndex.build(store.db, { logger });
  // Expired sessions are refused on every request anyway; this keeps the table from growing. Safe on every instance.
  const purge = setInterval(() => {
    purgeExpiredSessions(store.db, new Date()).catch((err: unknown) => logger.warn({ err }, 'purging expired sessions failed'));
    purgeParkedForms(store.db, new Date()).catch((err: unknown) => logger.warn({ err }, 'purging kept forms failed'));
  }, SESSION_PURGE_INTERVAL_MS);
  purge.unref();
  // The clock: notices whose five years ended leave the portal's circulation and the public site, and so on. Safe on
  // every instance, since each step moves a row only from the state it was read in.
  const tick = () => {
    const now = new Date();
    expireNoticeRequests(store.db, now).catch((err: unknown) => logger.warn({ err }, 'expiring notices failed'));
    // Cases past their deadline are told to their recipients and the office once; cases past retention are erased.
    notifyOverdueCases(store.db, now).catch((err: unknown) => logger.warn({ err }, 'notifying overdue cases failed'));
    eraseExpiredCases(store.db, photoStore, now).catch((err: unknown) => logger.warn({ err }, 'erasing cases past retention failed'));
  };
  tick();
  const expiry = setInterval(tick, CLOCK_INTERVAL_MS);
  expiry.unref();
  // E-mails of notifications leave from the outbox, after the transactions that wrote them have committed.
  const mailer = startMailer(store.db, config, logger);
  const deps: AppDeps = { config, db: store.db, dialect: store.dialect, logger, i18n: new I18n(), noticeIndex, photoStore };
  return {
    deps,
    store,
    app: createApp(deps),
    demoCredentials,
    startDraining: () => startDraining(store.db),
    close: async () => {
      clearInterval(purge);
      clearInterval(expiry);
      mailer.close();
      noticeIndex.close();
      await store.close();
    },
  };
}
