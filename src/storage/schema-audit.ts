/** Row types of the audit trail: append-only entries, the chain head, and periodic checkpoints. */
import type { Generated } from 'kysely';

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  action: string;
  /** Plain ids, not foreign keys: entries outlive the accounts they mention. */
  user_id: string | null;
  agency_id: string | null;
  object_type: string;
  object_id: string | null;
  purpose: string | null;
  /** JSON array of recipients (disclosures), or null. */
  recipients: string | null;
  /** JSON object of non-personal context, or null. */
  details: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the last entry's seq and hash. Locking it serialises appends; comparing it detects a cut-off tail. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  /** The hash before the last entry's: lets PostgreSQL hand both back from the one UPDATE that takes the head. */
  prev: string;
  hash: string;
  /** Ed25519 signature of (seq, hash), renewed on every append: a head moved back cannot be re-signed without the key. */
  signature: string | null;
  key_id: string | null;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  seq: number;
  hash: string;
  at: string;
  /** Ed25519 signature of (seq, hash, at); null only for checkpoints written before signing (migration 005). */
  signature: string | null;
  key_id: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
}
