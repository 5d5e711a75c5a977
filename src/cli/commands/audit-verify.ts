/** `audit verify`: checks the audit trail's hash chain end to end; exit 0 when intact, 1 naming the first bad entry. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain.ts';
import { migrateToLatest } from '../../storage/migrate.ts';
import type { CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'audit verify',
  summary: 'Verify the audit trail hash chain (exit 0 intact, 1 tampered)',
  usage: 'audit verify',
  async run(_args, io) {
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateToLatest(store);
      const report = await verifyAuditChain(store.db);
      if (report.ok) {
        io.stdout.write(`audit chain intact: ${report.checked} entries, head ${report.head.seq} ${report.head.hash}\n`);
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
