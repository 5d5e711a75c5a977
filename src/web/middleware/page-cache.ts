/**
 * Caches rendered public pages in this instance's memory, keyed by language, path and normalised query, and valid
 * while the database's change log has not moved: the public site is the same for every visitor (no cookies), so a
 * page is rendered once per change instead of once per request.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../../storage/db.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';
import type { AppEnv } from '../context.ts';

/** Bodies are kept encoded: re-encoding a 30 KB string as UTF-8 on every hit cost more than the rest of the request. */
type Entry = { body: Uint8Array<ArrayBuffer>; etag: string; contentType: string; cacheControl: string | null; version: number; storedAt: number };

export type PageCacheOptions = {
  /** Most pages kept; the least recently used goes first. */
  maxEntries: number;
  /** Pages also expire after this long, for what changes without a change-log entry (ages, today's date). */
  maxAgeMs: number;
  /** Largest body kept, in bytes. */
  maxBodyBytes: number;
};

const defaults: PageCacheOptions = { maxEntries: 2000, maxAgeMs: 60_000, maxBodyBytes: 512 * 1024 };

/** The query string with parameters in a fixed order, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
function normalisedKey(path: string, url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return path;
  const params = [...new URLSearchParams(url.slice(q + 1))].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * Reads the change-log version once for all requests arriving together: under load, one query serves many requests,
 * and every request still sees a version read after it arrived.
 */
class VersionReader {
  private pending: Promise<number> | null = null;
  constructor(private readonly db: Db) {}
  read(): Promise<number> {
    if (!this.pending) {
      this.pending = lastChangeSeq(this.db).finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versions: VersionReader;
  readonly opts: PageCacheOptions;

  constructor(db: Db, opts: Partial<PageCacheOptions> = {}) {
    this.versions = new VersionReader(db);
    this.opts = { ...defaults, ...opts };
  }

  version(): Promise<number> {
    return this.versions.read();
  }

  get(key: string, version: number, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || now - e.storedAt > this.opts.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: Entry): void {
    if (entry.body.length > this.opts.maxBodyBytes) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Serves GET HTML pages from the cache and fills it with successful, cookie-free HTML responses. */
export const pageCache = (cache: PageCache): MiddlewareHandler<AppEnv> => {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const key = normalisedKey(c.req.path, c.req.url);
    const version = await cache.version();
    const now = Date.now();
    const hit = cache.get(key, version, now);
    if (hit) {
      const headers: Record<string, string> = { 'Content-Type': hit.contentType, ETag: hit.etag };
      if (hit.cacheControl) headers['Cache-Control'] = hit.cacheControl;
      if (c.req.header('if-none-match') === hit.etag) return c.body(null, 304, headers);
      return c.body(hit.body, 200, headers);
    }
    await next();
    const res = c.res;
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !contentType.startsWith('text/html') || res.headers.has('set-cookie')) return;
    const body = new Uint8Array(await res.clone().arrayBuffer());
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    cache.set(key, { body, etag, contentType, cacheControl: res.headers.get('cache-control'), version, storedAt: now });
    c.res.headers.set('ETag', etag);
  };
};
