/**
 * The page-cache step of public pages: rendered pages kept in this instance's memory, keyed by language, route and the
 * validated input the page actually reads (so a repeated or unknown parameter cannot serve another query's page), and
 * valid while the database's change log has not moved. The public site is the same for every visitor (no cookies).
 * While the database is unavailable, kept pages are served a while longer instead of failing.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { isDatabaseUnavailable } from '../../core/db-errors.ts';
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
  /** While the database is unavailable, a kept page is served up to this old rather than a 503. */
  maxStaleMs: number;
  /** A cached page waits this long for the version; a database slower than that is treated as unavailable. */
  staleAfterMs: number;
  /**
   * Requests for a key before its page is kept: 2 keeps a page the second time it is asked for within the recent keys
   * remembered, so the many searches asked only once (most of a search's traffic) cost no copy, hash and eviction.
   */
  admitAfter: 1 | 2;
};

const defaults: PageCacheOptions = { maxEntries: 2000, maxAgeMs: 60_000, maxBodyBytes: 512 * 1024, maxStaleMs: 10 * 60_000, staleAfterMs: 1_000, admitAfter: 2 };

/** Keys asked for once, remembered (oldest first) so a second request is kept: a few times the pages kept. */
const SEEN_PER_ENTRY = 4;

/** The version read outlasted `staleAfterMs`; counted as the database being unavailable (ETIMEDOUT). */
class VersionTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`the change-log version did not come within ${ms} ms`);
    this.name = 'VersionTimeout';
  }
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The change-log version read for this request's cache lookup, so the stored page carries the version it saw. */
    cacheVersion: number;
  }
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly seen = new Set<string>();
  private pending: Promise<number> | null = null;
  readonly opts: PageCacheOptions;

  /** `readVersion` reads the change log's newest sequence number (a use case; the cache never queries by itself). */
  constructor(
    private readonly readVersion: () => Promise<number>,
    opts: Partial<PageCacheOptions> = {},
  ) {
    this.opts = { ...defaults, ...opts };
  }

  /**
   * Reads the version once for all requests arriving together: under load one query serves many requests, and every
   * request still sees a version read after it arrived.
   */
  version(): Promise<number> {
    if (!this.pending) {
      this.pending = this.readVersion().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  /**
   * The cached answer for this key, a 304 when the client has it, or undefined on a miss. While the database is
   * unavailable (the version cannot be read, or not within staleAfterMs), a kept page up to maxStaleMs old is served
   * as it is; without one, the database's error goes on (a 503).
   */
  async lookup(c: Context<AppEnv>, key: string): Promise<Response | undefined> {
    const kept = this.entries.get(key);
    let version: number;
    try {
      version = await (kept ? this.versionWithin(this.opts.staleAfterMs) : this.version());
    } catch (err) {
      if (!isDatabaseUnavailable(err) || !kept || Date.now() - kept.storedAt > this.opts.maxStaleMs) throw err;
      return this.answer(c, kept);
    }
    c.set('cacheVersion', version);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.version !== version || Date.now() - e.storedAt > this.opts.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return this.answer(c, e);
  }

  /** The version, or a VersionTimeout once `ms` have passed (the read goes on for the requests that wait for it). */
  private async versionWithin(ms: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const pending = this.version();
    try {
      return await Promise.race([pending, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new VersionTimeout(ms)), ms)))]);
    } catch (err) {
      pending.catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private answer(c: Context<AppEnv>, e: Entry): Response {
    const headers: Record<string, string> = { 'Content-Type': e.contentType, ETag: e.etag };
    if (e.cacheControl) headers['Cache-Control'] = e.cacheControl;
    if (c.req.header('if-none-match') === e.etag) return c.body(null, 304, headers);
    return c.body(e.body, 200, headers);
  }

  /** Keeps a successful, cookie-free HTML answer once admitted (see `admitAfter`), and gives it its ETag. */
  async store(c: Context<AppEnv>, key: string, res: Response): Promise<void> {
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !contentType.startsWith('text/html') || res.headers.has('set-cookie')) return;
    if (this.opts.admitAfter === 2 && !this.entries.has(key) && !this.seen.delete(key)) {
      this.seen.add(key);
      if (this.seen.size > this.opts.maxEntries * SEEN_PER_ENTRY) this.seen.delete(this.seen.values().next().value as string);
      return;
    }
    const body = new Uint8Array(await res.clone().arrayBuffer());
    if (body.length > this.opts.maxBodyBytes) return;
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    res.headers.set('ETag', etag);
    this.entries.delete(key);
    this.entries.set(key, { body, etag, contentType, cacheControl: res.headers.get('cache-control'), version: c.get('cacheVersion'), storedAt: Date.now() });
    while (this.entries.size > this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
