/** Matching benchmarks: name-pair accuracy against the reference, screening candidate recall, and speed/memory at 1M records. */
import { Worker } from 'node:worker_threads';
import { PersonIndex } from '../src/matching/index.ts';
import { loadAndScorePairs, pairFigures } from './matching-pairs.ts';
import { SHARED, fixtureQuery, fixtureRecord, loadFixture, missingBenchmarkData, namePools, perturb, prng, syntheticRecord } from './matching-data.ts';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const SIZE = quick ? 50_000 : 1_000_000;
const LATENCY_QUERIES = quick ? 500 : 2_000;
const BULK_QUERIES = quick ? 2_000 : 20_000;
const SEED = 20_240_601;

function print(figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run node with --expose-gc (npm run bench:matching does)');
  collect();
  collect();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function pairs(): void {
  print({ figure: 'pairs.method', how: 'Person rows of cases.csv joined with logicv2-frozen.csv on name1,name2,schema (541 pairs); each pair scored by scorePerson with token weights from the names of the pair set; best F1 and recall at precision >= 0.90 over every distinct score as threshold, for both systems in this run' });
  for (const figure of pairFigures(loadAndScorePairs(SHARED))) print(figure);
}

function screening(): void {
  const index = new PersonIndex();
  loadFixture('positives_un_untreated.csv').forEach((row, i) => index.add(fixtureRecord(`un${i}`, row)));
  loadFixture('negatives_global.csv').forEach((row, i) => index.add(fixtureRecord(`global${i}`, row)));
  loadFixture('negatives_us.csv').forEach((row, i) => index.add(fixtureRecord(`us${i}`, row)));
  const queries = loadFixture('positives_un_treated.csv');
  let found = 0;
  queries.forEach((row, i) => {
    if (index.search(fixtureQuery(row), { limit: 10 }).some((m) => m.id === `un${i}`)) found++;
  });
  print({ figure: 'screening.method', how: 'index positives_un_untreated + negatives_global + negatives_us; query each positives_un_treated row (name, DOB, nationality code or country name); hit when row i of the untreated file is in the top 10' });
  print({ figure: 'screening.top10_recall', indexed: index.size, queries: queries.length, found, rate: Number((found / queries.length).toFixed(4)) });
}

async function scale(): Promise<void> {
  const pools = namePools();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const random = prng(SEED);
  const started = performance.now();
  const index = new PersonIndex();
  for (let i = 0; i < SIZE; i++) index.add(syntheticRecord(pools, random, i));
  const buildMs = performance.now() - started;
  gc();
  const memory = process.memoryUsage();
  print({ figure: 'scale.method', how: `${SIZE} synthetic persons from a seeded PRNG (seed ${SEED}) drawing first, middle and last names, dates and nationalities from negatives_global + negatives_us; heap = heapUsed after global.gc() minus before building (fixture pools excluded); arrayBuffers reported separately` });
  print({ figure: 'scale.build', records: index.size, ms: Math.round(buildMs), perRecordUs: Number(((buildMs * 1000) / SIZE).toFixed(1)) });
  print({ figure: 'scale.memory', heapMB: Math.round((memory.heapUsed - heapBefore) / 2 ** 20), arrayBuffersMB: Math.round(memory.arrayBuffers / 2 ** 20), rssMB: Math.round(memory.rss / 2 ** 20) });

  const queryRandom = prng(SEED + 1);
  const latencies: number[] = [];
  const queries: string[] = [];
  let hits = 0;
  const replay = prng(SEED);
  const targets = new Set<number>();
  while (targets.size < LATENCY_QUERIES) targets.add(Math.floor(queryRandom() * SIZE));
  const wanted = [...targets].sort((a, b) => a - b);
  let next = 0;
  for (let i = 0; i < SIZE && next < wanted.length; i++) {
    const record = syntheticRecord(pools, replay, i);
    if (i !== wanted[next]) continue;
    next++;
    const name = perturb(record.names[0] ?? '', queryRandom);
    queries.push(name);
    const t = performance.now();
    const result = index.search({ names: [name] }, { limit: 10 });
    latencies.push(performance.now() - t);
    if (result.some((m) => m.id === record.id)) hits++;
  }
  latencies.sort((a, b) => a - b);
  print({ figure: 'scale.latency.method', how: 'single thread; each query is the name of a random indexed record with one typo in one part and the parts reversed half the time; search(limit 10) timed with performance.now()' });
  print({ figure: 'scale.latency', queries: latencies.length, p50ms: Number(percentile(latencies, 0.5).toFixed(2)), p95ms: Number(percentile(latencies, 0.95).toFixed(2)), p99ms: Number(percentile(latencies, 0.99).toFixed(2)), ownRecordInTop10: Number((hits / latencies.length).toFixed(4)) });

  const bulk: string[] = [];
  for (let i = 0; i < BULK_QUERIES; i++) bulk.push(queries[i % queries.length] ?? '');
  await throughput(bulk);
}

/** Each worker rebuilds the same index from the same seed (cheaper than serialising it), then queries are split in two. */
async function throughput(queries: string[]): Promise<void> {
  const half = Math.ceil(queries.length / 2);
  const shares = [queries.slice(0, half), queries.slice(half)];
  const workers = shares.map((share) => new Worker(new URL('./matching-worker.ts', import.meta.url), { workerData: { size: SIZE, seed: SEED, queries: share }, execArgv: ['--import', 'tsx'] }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const started = performance.now();
  workers.forEach((w) => w.postMessage('go'));
  const done = await Promise.all(workers.map((w) => new Promise<{ done: number }>((resolve) => w.once('message', resolve))));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  const names = done.reduce((sum, d) => sum + d.done, 0);
  print({ figure: 'scale.throughput.method', how: '2 worker_threads, each builds its own copy of the index from the same seed, then screens half the queries (search, limit 10); wall time from the go signal until both finish' });
  print({ figure: 'scale.throughput', workers: 2, names, seconds: Number(seconds.toFixed(2)), namesPerSecond: Math.round(names / seconds), referenceYenteRequestsPerSecondPerCore: 4 });
}

const missing = missingBenchmarkData();
if (missing) {
  print({ figure: 'skipped', reason: missing });
  process.exit(0);
}
print({ figure: 'run', quick, node: process.version, size: SIZE });
pairs();
screening();
await scale();
