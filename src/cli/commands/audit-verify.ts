/** `audit verify`: checks the audit trail's hash chain and signatures end to end; exit 0 when intact, 1 naming the first bad entry. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import type { ChainAnchor } from '../../core/audit-chain.ts';
import { loadAuditVerifyKey } from '../../services/audit/load-audit-verify-key.ts';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

/** A witness file: the head last verified, kept outside the database (another machine, write-once storage, a ticket). */
function readWitness(path: string): ChainAnchor | null {
  if (!existsSync(path)) return null;
  const w = JSON.parse(readFileSync(path, 'utf8')) as Partial<ChainAnchor>;
  if (typeof w.seq !== 'number' || !Number.isInteger(w.seq) || w.seq < 0 || typeof w.hash !== 'string' || !/^[0-9a-f]{64}$/.test(w.hash)) {
    throw new Error(`${path} is not a witness file (expected {"seq": N, "hash": "<64 hex digits>"})`);
  }
  return { seq: w.seq, hash: w.hash };
}

function writeWitness(path: string, head: ChainAnchor): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ seq: head.seq, hash: head.hash, verifiedAt: new Date().toISOString() })}\n`);
  renameSync(tmp, path);
}

export const command: CliCommand = {
  name: 'audit verify',
  summary: 'Verify the audit trail: hash chain, signed checkpoints and head (exit 0 intact, 1 tampered)',
  usage: 'audit verify [--expect-at-least SEQ] [--witness FILE] [--chain-only]',
  async run(args, io) {
    const { flags } = parseArgs(args, ['chain-only']);
    const expectRaw = flags.get('expect-at-least')?.[0];
    const expectAtLeast = expectRaw === undefined ? null : Number(expectRaw);
    if (expectAtLeast !== null && (!Number.isInteger(expectAtLeast) || expectAtLeast < 0)) throw new Error('--expect-at-least needs an entry number');
    const witnessPath = flags.get('witness')?.[0] ?? null;
    const chainOnly = flags.has('chain-only');
    const config = loadConfig();
    const found = chainOnly ? null : loadAuditVerifyKey(config);
    if (!chainOnly && !found) {
      io.stderr.write(
        `no audit key to check signatures with: set AUDIT_VERIFY_KEY_FILE (public key) or AUDIT_SIGNING_KEY_FILE` +
          `${config.auditSigningKeyFile ? ` (looked for ${config.auditSigningKeyFile})` : ''}, or pass --chain-only to check hashes alone\n`,
      );
      return 1;
    }
    const witness = witnessPath ? readWitness(witnessPath) : null;
    const store = openConfiguredStore(config);
    try {
      await migrateDatabase(store);
      const report = await verifyAuditChain(store.db, { key: found?.key ?? null, witness, expectAtLeast });
      if (report.ok) {
        io.stdout.write(`audit chain intact: ${report.checked} entries, head ${report.head.seq} ${report.head.hash}\n`);
        io.stdout.write(
          report.signatures.checked
            ? `signatures valid: ${report.checkpoints} checkpoints and the head, key ${report.signatures.keyId} (${found!.from})\n`
            : 'signatures NOT checked (--chain-only): anyone with write access to the database could have recomputed the hashes\n',
        );
        if (witness) io.stdout.write(`witness: the trail still holds entry ${witness.seq} as recorded and reaches beyond it\n`);
        if (witnessPath) writeWitness(witnessPath, report.head);
        return 0;
      }
      const p = report.problem!;
      io.stderr.write(`audit chain BROKEN at entry ${p.seq}${p.id ? ` (id ${p.id})` : ''}: ${p.message} [${p.reason}]\n`);
      io.stderr.write(`entries verified before it: ${report.checked}\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};
