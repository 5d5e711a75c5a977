/** Use case: verify the whole audit chain, its checkpoints and its recorded head, reporting the first bad entry. */
import { ChainVerifier, type ChainAnchor, type ChainProblem } from '../../core/audit-chain.ts';
import type { Db } from '../../storage/db.ts';
import { auditCheckpoints, auditHead, streamAudit } from '../../storage/repositories/audit.ts';

export type ChainReport = { ok: boolean; checked: number; head: ChainAnchor; problem: ChainProblem | null };

export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  const checkpoints = new Map((await auditCheckpoints(db)).map((c) => [c.seq, c.hash]));
  for await (const batch of streamAudit(db)) {
    const problem = verifier.feed(batch);
    if (problem) return { ok: false, checked: verifier.count, head: verifier.head, problem };
    for (const e of batch) {
      const expected = checkpoints.get(e.seq);
      if (expected !== undefined && expected !== e.hash) {
        const problem: ChainProblem = { seq: e.seq, id: e.id, reason: 'checkpoint_mismatch', message: `entry ${e.seq} differs from its checkpoint` };
        return { ok: false, checked: verifier.count, head: verifier.head, problem };
      }
    }
  }
  const recorded = await auditHead(db);
  const reached = verifier.head;
  if (recorded.seq !== reached.seq || recorded.hash !== reached.hash) {
    const problem: ChainProblem =
      recorded.seq > reached.seq
        ? { seq: reached.seq + 1, id: null, reason: 'missing', message: `entries ${reached.seq + 1}–${recorded.seq} are missing (removed)` }
        : { seq: reached.seq, id: null, reason: 'head_mismatch', message: `the chain ends at entry ${reached.seq}, not at the recorded head ${recorded.seq}` };
    return { ok: false, checked: verifier.count, head: reached, problem };
  }
  return { ok: true, checked: verifier.count, head: reached, problem: null };
}
