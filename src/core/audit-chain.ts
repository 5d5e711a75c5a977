/** Pure hash chaining of audit entries: canonical serialisation, SHA-256 links, and verification of a chain segment. */
import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit.ts';

/** The `prevHash` of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as hashed and stored, before its own hash is known. */
export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth, so equal values always serialise to equal text. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('audit values must be finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`;
}

/** The entry's own content, everything but its position and link, as hashed into `contentHash`. */
export type EntryContent = Omit<UnhashedEntry, 'seq' | 'prevHash'>;

/**
 * The exact text hashed for an entry's content: every field in a fixed order (absent optional fields as null), so that
 * a change to any field changes the hash.
 */
export function canonicalEntry(e: EntryContent): string {
  return canonicalJson([
    'liaison-audit-v1',
    e.id,
    e.at,
    e.action,
    e.userId,
    e.agencyId,
    e.objectType,
    e.objectId,
    e.purpose,
    e.recipients && e.recipients.length > 0 ? e.recipients : null,
    e.details && Object.keys(e.details).length > 0 ? e.details : null,
    e.ip ?? null,
  ]);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const contentHash = (e: EntryContent): string => sha256(canonicalEntry(e));

/**
 * An entry's hash links its position and the previous hash to its content: `sha256("<prevHash>:<seq>:<contentHash>")`.
 * The link is simple enough for PostgreSQL to compute while it takes the chain's head, which keeps an append to one
 * round trip (see storage/repositories/audit.ts); renumbering, reordering or editing any entry breaks it.
 */
export const linkHash = (prevHash: string, seq: number, content: string): string => sha256(`${prevHash}:${seq}:${content}`);

export function hashEntry(e: UnhashedEntry): string {
  return linkHash(e.prevHash, e.seq, contentHash(e));
}

/** A trusted starting point: the entry at `seq` must have this hash (seq 0 with the genesis hash is the very start). */
export type ChainAnchor = { seq: number; hash: string };

export const genesisAnchor: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

export type ChainProblem = {
  seq: number;
  id: string | null;
  reason: 'altered' | 'broken_link' | 'missing' | 'anchor_mismatch' | 'head_mismatch' | 'checkpoint_mismatch';
  message: string;
};

/**
 * Checks entries that must follow on from a verified point, in ascending `seq`, in bounded memory: feed it batch by
 * batch and keep its state.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private checked = 0;
  private problem: ChainProblem | null = null;

  constructor(from: ChainAnchor = genesisAnchor) {
    this.expectedSeq = from.seq + 1;
    this.prevHash = from.hash;
  }

  /** Verifies the next entries; returns the first problem found so far (further input is then ignored). */
  feed(entries: Iterable<AuditEntry>): ChainProblem | null {
    if (this.problem) return this.problem;
    for (const e of entries) {
      this.problem = this.check(e);
      if (this.problem) return this.problem;
      this.expectedSeq = e.seq + 1;
      this.prevHash = e.hash;
      this.checked++;
    }
    return null;
  }

  // Link before content: a reordered or renumbered entry is reported as such, not merely as "altered".
  private check(e: AuditEntry): ChainProblem | null {
    if (e.seq > this.expectedSeq) {
      const range = e.seq - 1 === this.expectedSeq ? `${this.expectedSeq}` : `${this.expectedSeq}–${e.seq - 1}`;
      return { seq: this.expectedSeq, id: null, reason: 'missing', message: `entry ${range} is missing (removed)` };
    }
    if (e.seq < this.expectedSeq) {
      return { seq: e.seq, id: e.id, reason: 'broken_link', message: `entry ${e.seq} appears out of order` };
    }
    if (e.prevHash !== this.prevHash) {
      return {
        seq: e.seq,
        id: e.id,
        reason: 'broken_link',
        message: `entry ${e.seq} does not follow entry ${e.seq - 1} (entries removed, inserted or reordered)`,
      };
    }
    if (hashEntry(e) !== e.hash) {
      return { seq: e.seq, id: e.id, reason: 'altered', message: `entry ${e.seq} was altered (its content does not match its hash)` };
    }
    return null;
  }

  /** The last verified point: what a later verification may start from. */
  get head(): ChainAnchor {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  get count(): number {
    return this.checked;
  }
}

/** Verifies a whole in-memory segment; convenient for tests and small chains. */
export function verifyChain(entries: Iterable<AuditEntry>, from: ChainAnchor = genesisAnchor): { ok: boolean; problem: ChainProblem | null; head: ChainAnchor; count: number } {
  const v = new ChainVerifier(from);
  const problem = v.feed(entries);
  return { ok: problem === null, problem, head: v.head, count: v.count };
}

/** Builds the next entry of a chain (the append path and tests share this). */
export function sealEntry(e: UnhashedEntry): AuditEntry {
  return { ...e, hash: hashEntry(e) };
}
