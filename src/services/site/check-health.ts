/** Whether this instance can serve, for the load balancer's health check, and the start-up wait for the database. */
import { isDatabaseUnavailable } from '../../core/db-errors.ts';
import { ping, type Db } from '../../storage/db.ts';

/** A frozen database must not hang the health check: the load balancer needs an answer within its own timeout. */
const PING_TIMEOUT_MS = 1_000;

/** The first start-up retry comes quickly (a database starting alongside), later ones at most this far apart. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export type Health = 'ok' | 'draining' | 'unavailable';

/** Instances (by their database handle) asked to stop: they fail the health check so traffic moves elsewhere first. */
const draining = new WeakSet<Db>();

/** A ping that got no answer in time; ETIMEDOUT so it counts as the database being unavailable. */
class PingTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = 'PingTimeout';
  }
}

/** Pings the database, failing after `timeoutMs` even when the database never answers. */
async function pingWithin(db: Db, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const pending = ping(db);
  try {
    await Promise.race([pending, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new PingTimeout(timeoutMs)), timeoutMs)))]);
  } catch (err) {
    // A ping left behind settles when the storage layer gives up on its connection; nobody waits for it.
    pending.catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** One line on why a connection failed; Node's AggregateError for a refused dual-stack connect has no message. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return err.message || (typeof code === 'string' ? code : err.name);
}

/** From now on the health check of the instance using `db` answers "draining". */
export function startDraining(db: Db): void {
  draining.add(db);
}

export async function checkHealth(db: Db): Promise<Health> {
  if (draining.has(db)) return 'draining';
  try {
    await pingWithin(db, PING_TIMEOUT_MS);
    return 'ok';
  } catch {
    return 'unavailable';
  }
}

/**
 * Waits until the database answers, retrying with a doubling pause (reported through `onWait`) while it is unavailable,
 * for at most `waitMs`; then, or at once for any other failure (a wrong password, a missing database), throws.
 */
export async function waitForDatabase(
  db: Db,
  opts: { waitMs: number; pingTimeoutMs: number; onWait: (info: { attempt: number; retryInMs: number; reason: string }) => void },
): Promise<void> {
  const deadline = Date.now() + opts.waitMs;
  let pause = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await pingWithin(db, opts.pingTimeoutMs);
      return;
    } catch (err) {
      const reason = describe(err);
      if (!isDatabaseUnavailable(err)) throw err;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the database is unreachable after waiting ${Math.round(opts.waitMs / 1000)} s (DB_STARTUP_WAIT_MS): ${reason}`, { cause: err });
      const retryInMs = Math.min(pause, left);
      opts.onWait({ attempt, retryInMs, reason });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
      pause = Math.min(pause * 2, MAX_RETRY_MS);
    }
  }
}
