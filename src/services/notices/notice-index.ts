/**
 * Keeps an in-memory name-matching index and the search catalogue of published notices in step with the database, on
 * every app instance: one load at start-up, one follower of the change log for both.
 */
import type { Logger } from 'pino';
import type { Notice } from '../../core/notices.ts';
import { PersonIndex, type PersonQuery, type PersonRecord } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { CHANGE_BATCH, changesSince, lastChangeSeq } from '../../storage/repositories/change-log.ts';
import { getSearchRowsByIds, streamPublishedSearchRows, type NoticeSearchRow } from '../../storage/repositories/notices.ts';
import { readChangeVersion } from '../site/read-change-version.ts';
import { NoticeCatalog } from './notice-catalog.ts';

export type NoticeIndexHit = ReturnType<PersonIndex['search']>[number];

export type NoticeIndexOptions = {
  /** Background poll period; 0 disables polling (searches still catch up first). */
  pollMs?: number;
  logger?: Pick<Logger, 'error'>;
};

const DEFAULT_POLL_MS = 2000;

type NameFacts = Pick<Notice, 'id' | 'forename' | 'familyName' | 'aliases' | 'nameOriginal' | 'dateOfBirth' | 'nationalities' | 'sex'>;

/** What the index knows about a notice: the name forms a search can match, and the facts that refine the score. */
export function noticeToRecord(n: NameFacts): PersonRecord {
  const full = (forename: string, familyName: string) => `${forename} ${familyName}`.trim();
  const names = [full(n.forename, n.familyName), ...n.aliases.map((a) => full(a.forename, a.familyName))];
  if (n.nameOriginal) names.push(n.nameOriginal);
  return {
    id: n.id,
    names: [...new Set(names.filter((x) => x.length > 0))],
    ...(n.dateOfBirth ? { dateOfBirth: n.dateOfBirth } : {}),
    nationalities: n.nationalities,
    sex: n.sex,
  };
}

export class NoticeIndex {
  private readonly index = new PersonIndex();
  /** The facts the public filters test, for the same notices as `index`. */
  readonly catalog = new NoticeCatalog();
  /**
   * Number of the last change applied. Changes are numbered in commit order (see `recordChange`), so once a number is
   * seen no lower one can still appear: following needs this one position and nothing else.
   */
  private seq = 0;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: Db,
    private readonly logger: Pick<Logger, 'error'> | undefined,
  ) {}

  /** Loads every published notice, then follows the change log from the point the load started. */
  static async build(db: Db, opts: NoticeIndexOptions = {}): Promise<NoticeIndex> {
    const ni = new NoticeIndex(db, opts.logger);
    // Read the position before loading: every change committed after it has a higher number and is replayed by the
    // first sync (replaying a change the load already saw is harmless).
    ni.seq = await lastChangeSeq(db);
    for await (const batch of streamPublishedSearchRows(db)) for (const row of batch) ni.add(row);
    await ni.sync();
    ni.catalog.prepare();
    const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
    if (pollMs > 0) {
      ni.timer = setInterval(() => {
        ni.sync().catch((err: unknown) => ni.logger?.error({ err }, 'notice index sync failed'));
      }, pollMs);
      ni.timer.unref();
    }
    return ni;
  }

  get size(): number {
    return this.index.size;
  }

  has(noticeId: string): boolean {
    return this.index.has(noticeId);
  }

  /**
   * Applies every change logged since the last sync. Concurrent callers share runs, but each caller waits for a run
   * that started after its call, so a write committed before the call is always visible afterwards. A caller that has
   * read the log's newest number since its call began (`head`) needs nothing when the index has already applied it.
   */
  sync(head?: number): Promise<void> {
    if (head !== undefined && head <= this.seq) return Promise.resolve();
    if (!this.running) {
      this.running = this.applyChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.queued) {
      // A caller waits for the run in progress, then for one of its own. When the run in progress fails (the database
      // is away), its waiters fail with it instead of starting another run: a request waits one timeout, not two.
      this.queued = this.running.then(
        () => {
          this.queued = null;
          return this.sync();
        },
        (err: unknown) => {
          this.queued = null;
          throw err;
        },
      );
    }
    return this.queued;
  }

  /** Catches up with the database, then ranks published notices against the person described. */
  async search(query: PersonQuery, limit: number): Promise<NoticeIndexHit[]> {
    await this.sync();
    return this.rank(query, limit);
  }

  /**
   * Ranks against the notices as last synced, for a caller that has just called `sync` (one catch-up per request);
   * `shortlist` is how many candidates are scored in full (see `SearchOptions`).
   */
  rank(query: PersonQuery, limit: number, shortlist?: number): NoticeIndexHit[] {
    return this.index.search(query, shortlist === undefined ? { limit } : { limit, shortlist });
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async applyChanges(): Promise<void> {
    // The newest number is one cheap read (often none, see `readChangeVersion`); the changes are asked for only when it moved.
    if ((await readChangeVersion(this.db)) <= this.seq) return;
    for (;;) {
      const changes = await changesSince(this.db, this.seq);
      const last = changes.at(-1);
      if (!last) return;
      await this.refresh([...new Set(changes.map((c) => c.entityId))]);
      // Moved only once applied, so a refresh that failed is retried by the next sync.
      this.seq = last.seq;
      if (changes.length < CHANGE_BATCH) return;
    }
  }

  private add(row: NoticeSearchRow): void {
    this.index.add(noticeToRecord(row));
    this.catalog.put(row);
  }

  /** Re-reads the given notices: published ones are (re)indexed, drafts, withdrawn and deleted ones leave the index. */
  private async refresh(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const current = new Map((await getSearchRowsByIds(this.db, chunk)).map((n) => [n.id, n]));
      for (const id of chunk) {
        const n = current.get(id);
        if (this.index.has(id)) this.index.remove(id);
        if (n?.status === 'published') this.add(n);
        else this.catalog.remove(id);
      }
    }
  }
}
