/** Shared benchmark data: fixture loading, a seeded PRNG, synthetic person records and perturbed queries. */
import { existsSync, readFileSync } from 'node:fs';
import { parseCsvRecords } from '../src/cli/csv.ts';
import type { PersonQuery, PersonRecord } from '../src/matching/index.ts';

export const SHARED = new URL('../../shared/benchmarks/', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Why the benchmark data cannot be read, or null when it can. The data is outside the repository (../shared beside
 * the checkout), so a fresh clone or a CI run without it skips the benchmark instead of failing.
 */
export function missingBenchmarkData(): string | null {
  const files = ['name-pairs/cases.csv', 'name-pairs/logicv2-frozen.csv', ...['positives_un_untreated', 'positives_un_treated', 'negatives_global', 'negatives_us'].map((f) => `screening/${f}.csv`)];
  const missing = files.filter((f) => !existsSync(`${SHARED}/${f}`));
  return missing.length === 0 ? null : `benchmark data absent (${missing.map((f) => `${SHARED}/${f}`).join(', ')}): ../shared/benchmarks is not beside this checkout`;
}

export type FixturePerson = Record<string, string>;

export function loadFixture(name: string): FixturePerson[] {
  return parseCsvRecords(readFileSync(`${SHARED}/screening/${name}`, 'utf8')).records;
}

function toSex(gender: string | undefined): 'F' | 'M' | null {
  if (gender === 'female') return 'F';
  if (gender === 'male') return 'M';
  return null;
}

export function fixtureRecord(id: string, row: FixturePerson): PersonRecord {
  return {
    id,
    names: [row.full_name ?? ''],
    dateOfBirth: row.date_of_birth || null,
    nationalities: row.nationality ? [row.nationality] : [],
    sex: toSex(row.gender),
  };
}

export function fixtureQuery(row: FixturePerson): PersonQuery {
  const { id: _id, ...query } = fixtureRecord('', row);
  return query;
}

/** mulberry32: small, fast and deterministic, so every run (and every worker) builds the same records. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type NamePools = { first: string[]; middle: string[]; last: string[]; dates: string[]; nationalities: string[] };

/** Name parts drawn from the distractor fixtures, with their real frequencies (a name occurring often is drawn often). */
export function namePools(): NamePools {
  const rows = [...loadFixture('negatives_global.csv'), ...loadFixture('negatives_us.csv')];
  const pick = (column: string): string[] => rows.map((r) => r[column] ?? '').filter((v) => v.length > 0);
  return { first: pick('first_name'), middle: pick('middle_name'), last: pick('last_name'), dates: pick('date_of_birth'), nationalities: pick('nationality') };
}

export function syntheticRecord(pools: NamePools, random: () => number, index: number): PersonRecord {
  const draw = (list: string[]): string => list[Math.floor(random() * list.length)] ?? '';
  const parts = [draw(pools.first)];
  if (random() < 0.35) parts.push(draw(pools.middle));
  parts.push(draw(pools.last));
  if (random() < 0.1) parts.push(draw(pools.last));
  return {
    id: `p${index}`,
    names: [parts.join(' ')],
    dateOfBirth: random() < 0.8 ? draw(pools.dates) : null,
    nationalities: random() < 0.8 ? [draw(pools.nationalities)] : [],
    sex: null,
  };
}

/** One typo (substitution, deletion, insertion or transposition) in one part, and parts reordered half the time. */
export function perturb(name: string, random: () => number): string {
  const parts = name.split(/\s+/);
  const i = Math.floor(random() * parts.length);
  const word = parts[i] ?? '';
  if (word.length >= 5) {
    const chars = [...word];
    const at = 1 + Math.floor(random() * (chars.length - 2));
    const op = Math.floor(random() * 4);
    const letter = 'aeiounrstl'[Math.floor(random() * 10)] ?? 'e';
    if (op === 0) chars[at] = letter;
    else if (op === 1) chars.splice(at, 1);
    else if (op === 2) chars.splice(at, 0, letter);
    else [chars[at], chars[at - 1]] = [chars[at - 1] ?? '', chars[at] ?? ''];
    parts[i] = chars.join('');
  }
  if (random() < 0.5) parts.reverse();
  return parts.join(' ');
}
