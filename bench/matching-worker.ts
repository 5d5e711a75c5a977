/** Worker for the bulk-throughput figure: builds its own copy of the synthetic index, then screens its share of queries. */
import { parentPort, workerData } from 'node:worker_threads';
import { PersonIndex } from '../src/matching/index.ts';
import { namePools, prng, syntheticRecord } from './matching-data.ts';

type Job = { size: number; seed: number; queries: string[] };

const job = workerData as Job;
const pools = namePools();
const random = prng(job.seed);
const index = new PersonIndex();
for (let i = 0; i < job.size; i++) index.add(syntheticRecord(pools, random, i));
parentPort?.postMessage({ ready: true });
parentPort?.once('message', () => {
  const started = performance.now();
  for (const name of job.queries) index.search({ names: [name] }, { limit: 10 });
  parentPort?.postMessage({ done: job.queries.length, ms: performance.now() - started });
});
