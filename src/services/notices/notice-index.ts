/** Keeps an in-memory name-matching index of published notices in step with the database, on every app instance. */
import type { Logger } from 'pino';
import type { Notice } from '../../core/notices.ts';
import { PersonIndex, type PersonQuery, type PersonRecord } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { changesSince, lastChangeSeq } from '../../storage/repositories/change-log.ts';
import { getNoticesByIds, streamPublishedNames } from '../../storage/repositories/notices.ts';

export type NoticeIndexHit = ReturnType<PersonIndex['search']>[number];

export type NoticeIndexOptions = {
  /** Background poll period; 0 disables polling (searches still catch up first). */
  pollMs?: number;
  logger?: Pick<Logger, 'error'>;
};

/**
 * How long a hole in the change-log sequence is re-read before it is taken for a rolled-back write. On PostgreSQL a
 * sequence number is taken when a transaction inserts, not when it commits, so a slower transaction can commit a lower
 * number after a higher one was already read; forgetting the hole would lose that change on this instance forever.
 */
const GAP_PATIENCE_MS = 5 * 60_000;
const MAX_GAPS = 10_000;
const DEFAULT_POLL_MS = 2000;
/** The most entries `changesSince` returns at once. */
const CHANGE_BATCH = 10_000;
const STARTUP_LOOKBACK = 1000;

/** What the index knows about a notice: the name forms a search can match, and the facts that refine the score. */
export function noticeToRecord(n: Notice): PersonRecord {
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
  /** Highest change-log sequence number applied. */
  private seq = 0;
  /** Sequence numbers below `seq` not seen yet, with when they were first missed. */
  private readonly gaps = new Map<number, number>();
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
    // Read the sequence first and step back a little: changes made during the load, and writes with a lower number
    // still in flight, are replayed by the first sync; replaying is idempotent.
    ni.seq = Math.max(0, (await lastChangeSeq(db)) - STARTUP_LOOKBACK);
    for await (const batch of streamPublishedNames(db)) for (const n of batch) ni.index.add(noticeToRecord(n));
    await ni.sync();
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
   * that started after its call, so a write committed before the call is always visible afterwards.
   */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.applyChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.queued) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.sync();
        });
    }
    return this.queued;
  }

  /** Catches up with the database, then ranks published notices against the person described. */
  async search(query: PersonQuery, limit: number): Promise<NoticeIndexHit[]> {
    await this.sync();
    return this.index.search(query, { limit });
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async applyChanges(): Promise<void> {
    const now = Date.now();
    const touched = new Set<string>();
    if (this.gaps.size > 0) {
      // One read from the oldest hole covers the others unless more than a batch was written since; those wait a turn.
      for (const c of await changesSince(this.db, Math.min(...this.gaps.keys()) - 1)) if (this.gaps.delete(c.seq)) touched.add(c.entityId);
    }
    for (;;) {
      const changes = await changesSince(this.db, this.seq);
      for (const c of changes) {
        for (let missing = this.seq + 1; missing < c.seq && this.gaps.size < MAX_GAPS; missing++) this.gaps.set(missing, now);
        this.seq = Math.max(this.seq, c.seq);
        touched.add(c.entityId);
      }
      if (changes.length < CHANGE_BATCH) break;
    }
    for (const [missing, since] of this.gaps) if (now - since > GAP_PATIENCE_MS) this.gaps.delete(missing);
    await this.refresh([...touched]);
  }

  /** Re-reads the given notices: published ones are (re)indexed, drafts, withdrawn and deleted ones leave the index. */
  private async refresh(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const current = new Map((await getNoticesByIds(this.db, chunk)).map((n) => [n.id, n]));
      for (const id of chunk) {
        const n = current.get(id);
        if (this.index.has(id)) this.index.remove(id);
        if (n?.status === 'published') this.index.add(noticeToRecord(n));
      }
    }
  }
}
