/** `migrate`: brings the configured database schema up to date. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import type { CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: 'migrate',
  async run(_args, io) {
    const store = openConfiguredStore(loadConfig());
    try {
      const applied = await migrateDatabase(store);
      io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    } finally {
      await store.close();
    }
  },
};
