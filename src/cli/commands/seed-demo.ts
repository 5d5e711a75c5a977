/** `seed-demo`: fills an empty database with the fictional demo set (and always refreshes the police directory). */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { seedDemoData, seedReferenceData } from '../../services/demo/seed-demo.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import type { CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'seed-demo',
  summary: 'Fill an empty database with the fictional demo data set',
  usage: 'seed-demo',
  async run(_args, io) {
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateDatabase(store);
      const reference = await seedReferenceData(store.db);
      const demo = await seedDemoData(store.db);
      io.stdout.write(`police directory: ${reference.policeContacts} countries\n`);
      io.stdout.write(
        demo.seeded
          ? `demo data (fictional): ${demo.notices} notices, ${demo.images} portraits, ${demo.news} news items\n`
          : 'the database already holds notices: demo data not added\n',
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
