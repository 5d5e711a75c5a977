/** Pure hash chaining of audit entries: canonical serialisation, SHA-256 links, Ed25519 signatures of checkpoints and head, and verification. */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
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
  reason:
    | 'altered'
    | 'broken_link'
    | 'missing'
    | 'anchor_mismatch'
    | 'head_mismatch'
    | 'checkpoint_mismatch'
    | 'checkpoint_missing'
    | 'bad_signature'
    | 'unsigned'
    | 'rolled_back';
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

/*
 * Signatures. Anyone who can write to the database can recompute every hash above, so hashes alone only prove that
 * the rows agree with each other. An Ed25519 key held outside the database signs each checkpoint (seq, hash, time) and
 * the head (seq, hash) on every append: rewriting entries, removing them or cutting the tail then needs a signature the
 * attacker cannot make. The two messages carry different prefixes so a checkpoint's signature never passes as a head's
 * (otherwise a tail cut back to a checkpoint could borrow it).
 */

export const checkpointMessage = (seq: number, hash: string, at: string): string => `liaison-audit-checkpoint-v1\n${seq}\n${hash}\n${at}`;

export const headMessage = (seq: number, hash: string): string => `liaison-audit-head-v1\n${seq}\n${hash}`;

/** A signature as stored beside a checkpoint or the head: base64 Ed25519 signature and the signing key's id. */
export type AuditSignature = { signature: string; keyId: string };

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`the audit key must be an Ed25519 key, not ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

/** A short, stable name for a public key (SHA-256 of its SPKI encoding, 16 hex digits), shown in reports. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Checks audit signatures with a public key; knows nothing that could produce one. */
export class AuditVerifyKey {
  readonly keyId: string;
  private readonly key: KeyObject;

  constructor(publicKey: KeyObject) {
    this.key = requireEd25519(publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey);
    this.keyId = keyIdOf(this.key);
  }

  /** From a public key PEM (SPKI) or a private key PEM (PKCS#8), whose public half is taken. */
  static fromPem(pem: string): AuditVerifyKey {
    return new AuditVerifyKey(/PRIVATE KEY/.test(pem) ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem));
  }

  verify(message: string, signature: string): boolean {
    const bytes = Buffer.from(signature, 'base64');
    return bytes.length === 64 && verify(null, Buffer.from(message, 'utf8'), this.key, bytes);
  }

  get publicPem(): string {
    return this.key.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** Signs checkpoints and heads with the audit private key. */
export class AuditSigner {
  readonly verifyKey: AuditVerifyKey;
  private readonly key: KeyObject;

  constructor(privateKey: KeyObject) {
    this.key = requireEd25519(privateKey);
    this.verifyKey = new AuditVerifyKey(createPublicKey(privateKey));
  }

  /** From a PKCS#8 PEM private key. */
  static fromPem(pem: string): AuditSigner {
    return new AuditSigner(createPrivateKey(pem));
  }

  get keyId(): string {
    return this.verifyKey.keyId;
  }

  sign(message: string): AuditSignature {
    return { signature: sign(null, Buffer.from(message, 'utf8'), this.key).toString('base64'), keyId: this.keyId };
  }
}

/** A fresh key pair as PEM text: PKCS#8 private key, SPKI public key. */
export function generateAuditKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A stored signature checked against the expected key, with a reason a person can act on. */
export function checkSignature(
  key: AuditVerifyKey,
  message: string,
  stored: { signature: string | null; keyId: string | null },
): { ok: true } | { ok: false; reason: 'unsigned' | 'bad_signature'; why: string } {
  if (!stored.signature) return { ok: false, reason: 'unsigned', why: 'is not signed' };
  if (key.verify(message, stored.signature)) return { ok: true };
  if (stored.keyId && stored.keyId !== key.keyId) {
    return { ok: false, reason: 'bad_signature', why: `is signed by another key (${stored.keyId}), not the audit key (${key.keyId})` };
  }
  return { ok: false, reason: 'bad_signature', why: `has a signature that does not match it (its contents were changed after signing, or another key signed it; audit key ${key.keyId})` };
}
