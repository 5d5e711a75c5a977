/** Serialises the start-up preparation (migrations, seeding) of every instance that shares one PostgreSQL database. */
import { sql } from 'kysely';
import type { Db, Store } from './db.ts';

/** The advisory lock's key: any constant that no other lock user of the database picks ("Liai" in ASCII). */
const PREPARE_LOCK_KEY = 0x4c69_6169;

export type PrepareLockOptions = {
  /** Called once when another instance holds the lock, before waiting for it. */
  onWait?: () => void;
  pollMs?: number;
  /** How long to wait for the other instance before giving up. */
  maxWaitMs?: number;
};

/**
 * Runs `fn` on one dedicated connection that holds a session-level advisory lock, so a second instance waits until
 * the first has migrated and seeded, then finds nothing left to do. The lock is polled with `pg_try_advisory_lock`
 * rather than awaited with `pg_advisory_lock`, so statement and lock timeouts never cut the wait short, and it goes
 * away with the session if this process dies. On SQLite (one instance per file) `fn` simply runs.
 */
export async function withPrepareLock<T>(store: Store, fn: (db: Db) => Promise<T>, opts: PrepareLockOptions = {}): Promise<T> {
  if (store.dialect !== 'postgres') return fn(store.db);
  const pollMs = opts.pollMs ?? 250;
  const deadline = Date.now() + (opts.maxWaitMs ?? 10 * 60_000);
  return store.db.connection().execute(async (conn) => {
    let waited = false;
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${PREPARE_LOCK_KEY}) as locked`.execute(conn);
      if (rows[0]?.locked) break;
      if (Date.now() > deadline) throw new Error('timed out waiting for another instance to prepare the database');
      if (!waited) opts.onWait?.();
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    let result: T;
    try {
      result = await fn(conn);
    } catch (err) {
      // The first error is the one to report; a failed unlock means the session, and so the lock, is gone anyway.
      await sql`select pg_advisory_unlock(${PREPARE_LOCK_KEY})`.execute(conn).catch(() => undefined);
      throw err;
    }
    // The connection goes back to the pool, so the lock must not stay with it: a failure here is worth failing for.
    await sql`select pg_advisory_unlock(${PREPARE_LOCK_KEY})`.execute(conn);
    return result;
  });
}
