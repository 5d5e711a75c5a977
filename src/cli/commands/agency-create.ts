/** `agency create`: adds an agency (the unit of data ownership) from the command line. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { createAgency, agencyInput } from '../../services/accounts/create-agency.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'agency create',
  summary: 'Create an agency',
  usage: 'agency create --code CODE --name NAME --country CC [--office] [--json]',
  async run(args, io) {
    const { flags } = parseArgs(args, ['office', 'json']);
    const parsed = agencyInput.safeParse({
      code: flags.get('code')?.[0],
      name: flags.get('name')?.[0],
      country: flags.get('country')?.[0],
      isOffice: flags.has('office'),
    });
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateDatabase(store);
      const agency = await createAgency(store.db, null, parsed.data, { now: new Date(), ip: null, userAgent: null });
      io.stdout.write(flags.has('json') ? `${JSON.stringify(agency)}\n` : `created agency ${agency.code} (${agency.id})\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
