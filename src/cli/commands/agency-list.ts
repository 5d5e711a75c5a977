/** `agency list`: prints every agency, as a table or as JSON. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { listAllAgencies } from '../../services/accounts/find-accounts.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'agency list',
  summary: 'List agencies',
  usage: 'agency list [--json]',
  async run(args, io) {
    const { flags } = parseArgs(args, ['json']);
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateDatabase(store);
      const agencies = await listAllAgencies(store.db);
      if (flags.has('json')) io.stdout.write(`${JSON.stringify(agencies)}\n`);
      else
        for (const a of agencies)
          io.stdout.write(`${a.code.padEnd(16)} ${a.country}  ${a.isOffice ? 'office ' : '       '}${a.disabledAt ? 'disabled ' : ''}${a.name}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
