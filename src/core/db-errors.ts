/** Tells a database that is away, restarting or stalled (answer 503, try again) from every other failure (a bug: 500). */

/**
 * SQLSTATE codes of a database that cannot serve right now: class 08 (connection exceptions, including those the
 * storage layer stamps on a dropped socket or a connect timeout) is matched as a class; these are the rest.
 */
const unavailableSqlStates = new Set([
  '57P01', // admin_shutdown: the server is restarting or stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: still starting up, or in recovery
  '57014', // query_canceled: statement_timeout fired
  '55P03', // lock_not_available: lock_timeout fired
  '53300', // too_many_connections
]);

/** Socket and name-resolution failures Node reports while the database host restarts or is unreachable. */
const unavailableSystemCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** node:sqlite's primary result codes for a database held by another writer past busy_timeout. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/** Causes and aggregated errors are followed this deep; a cycle cannot loop. */
const MAX_DEPTH = 4;

function field(err: object, name: string): unknown {
  return (err as Record<string, unknown>)[name];
}

function matches(err: object): boolean {
  const code = field(err, 'code');
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || unavailableSqlStates.has(code) || unavailableSystemCodes.has(code)) return true;
    if (code === 'ERR_SQLITE_ERROR') {
      const errcode = field(err, 'errcode');
      // Extended result codes (SQLITE_BUSY_SNAPSHOT = 517) carry the primary code in their low byte.
      if (typeof errcode === 'number' && [SQLITE_BUSY, SQLITE_LOCKED].includes(errcode & 0xff)) return true;
    }
  }
  const errno = field(err, 'errno');
  return typeof errno === 'string' && unavailableSystemCodes.has(errno);
}

/**
 * True when `err` (or an error it wraps through `cause` or `errors`) says the database cannot serve for now. Reads
 * only the `code`, `errno` and `errcode` fields, so it knows no driver.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > MAX_DEPTH) return false;
  if (matches(err)) return true;
  const cause = field(err, 'cause');
  if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
  const errors = field(err, 'errors');
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
