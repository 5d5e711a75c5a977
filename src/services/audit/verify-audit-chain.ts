/** Use case: verify the whole audit chain, its signed checkpoints and its signed head, reporting the first bad entry. */
import { ChainVerifier, checkpointMessage, checkSignature, GENESIS_HASH, headMessage, type AuditVerifyKey, type ChainAnchor, type ChainProblem } from '../../core/audit-chain.ts';
import type { Db } from '../../storage/db.ts';
import { auditCheckpoints, auditHead, CHECKPOINT_EVERY, streamAudit, type AuditCheckpoint } from '../../storage/repositories/audit.ts';

export type VerifyOptions = {
  /** The audit public key: every checkpoint and the head must carry its signature. Without it only hashes are checked. */
  key?: AuditVerifyKey | null;
  /**
   * A head recorded earlier outside the database (a witness): the trail must still hold that entry with that hash and
   * reach at least that far. Signatures cannot tell a rollback to an older, validly signed state; a witness can.
   */
  witness?: ChainAnchor | null;
  /** The trail must reach at least this entry (the witness's seq, typed by hand). */
  expectAtLeast?: number | null;
};

export type ChainReport = {
  ok: boolean;
  /** Entries whose hash and link were checked. */
  checked: number;
  /** Checkpoints checked (their signatures too, when a key was given). */
  checkpoints: number;
  head: ChainAnchor;
  problem: ChainProblem | null;
  /** Whether checkpoint and head signatures were checked, and with which key. */
  signatures: { checked: true; keyId: string } | { checked: false };
};

export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<ChainReport> {
  const key = options.key ?? null;
  const verifier = new ChainVerifier();
  const bySeq = new Map<number, AuditCheckpoint[]>();
  for (const c of await auditCheckpoints(db)) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  let checkpoints = 0;
  // The last entry vouched for by a checkpoint: a rewrite found later lies after it.
  let vouched = 0;
  const report = (problem: ChainProblem | null): ChainReport => ({
    ok: problem === null,
    checked: verifier.count,
    checkpoints,
    head: verifier.head,
    problem,
    signatures: key ? { checked: true, keyId: key.keyId } : { checked: false },
  });

  for await (const batch of streamAudit(db)) {
    for (const e of batch) {
      const chained = verifier.feed([e]);
      if (chained) return report(chained);
      const witness = options.witness;
      if (witness && e.seq === witness.seq && e.hash !== witness.hash) {
        return report({
          seq: e.seq,
          id: e.id,
          reason: 'rolled_back',
          message: `entry ${e.seq} is not the one the witness recorded: the trail was rewritten at or before entry ${e.seq}`,
        });
      }
      const here = bySeq.get(e.seq) ?? [];
      if (here.length === 0 && e.seq % CHECKPOINT_EVERY === 0) {
        return report({ seq: e.seq, id: e.id, reason: 'checkpoint_missing', message: `the checkpoint at entry ${e.seq} is missing (checkpoint rows removed)` });
      }
      for (const c of here) {
        checkpoints++;
        if (key) {
          const signed = checkSignature(key, checkpointMessage(c.seq, c.hash, c.at), c);
          if (!signed.ok) return report({ seq: e.seq, id: e.id, reason: signed.reason, message: `the checkpoint at entry ${e.seq} ${signed.why}` });
        }
        if (c.hash !== e.hash) {
          return report({
            seq: e.seq,
            id: e.id,
            reason: 'checkpoint_mismatch',
            message: `entry ${e.seq} differs from its ${key ? 'signed ' : ''}checkpoint: entries ${vouched + 1}–${e.seq} were rewritten and their hashes recomputed`,
          });
        }
        vouched = e.seq;
      }
    }
  }

  const recorded = await auditHead(db);
  const reached = verifier.head;
  if (recorded.seq !== reached.seq || recorded.hash !== reached.hash) {
    return report(
      recorded.seq > reached.seq
        ? { seq: reached.seq + 1, id: null, reason: 'missing', message: `entries ${reached.seq + 1}–${recorded.seq} are missing (removed)` }
        : { seq: reached.seq, id: null, reason: 'head_mismatch', message: `the chain ends at entry ${reached.seq}, not at the recorded head ${recorded.seq}` },
    );
  }
  const beyond = [...bySeq.keys()].filter((seq) => seq > reached.seq).sort((a, b) => a - b)[0];
  if (beyond !== undefined) {
    return report({
      seq: reached.seq + 1,
      id: null,
      reason: 'missing',
      message: `a checkpoint exists at entry ${beyond}, beyond the end of the trail (entry ${reached.seq}): entries ${reached.seq + 1}–${beyond} at least were cut off`,
    });
  }
  // An empty trail has nothing to sign; emptying a trail is a rollback, which only a witness detects.
  const genesis = recorded.seq === 0 && recorded.hash === GENESIS_HASH && !recorded.signature;
  if (key && !genesis) {
    const signed = checkSignature(key, headMessage(recorded.seq, recorded.hash), recorded);
    if (!signed.ok) {
      return report({
        seq: recorded.seq,
        id: null,
        reason: signed.reason,
        message: `the head (entry ${recorded.seq}) ${signed.why}: entries after entry ${vouched} were rewritten, removed or cut off and the head recomputed`,
      });
    }
  }
  const atLeast = Math.max(options.witness?.seq ?? 0, options.expectAtLeast ?? 0);
  if (reached.seq < atLeast) {
    return report({
      seq: reached.seq + 1,
      id: null,
      reason: 'rolled_back',
      message: `the trail ends at entry ${reached.seq}, but entry ${atLeast} was seen before: it was rolled back (entries ${reached.seq + 1}–${atLeast} removed and an older head restored)`,
    });
  }
  return report(null);
}
