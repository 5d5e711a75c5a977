/** `apikey create`: creates an API key for a user and prints it once. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { createApiKey } from '../../services/api-keys/create-api-key.ts';
import { findUserByEmail } from '../../services/accounts/find-accounts.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'apikey create',
  summary: 'Create an API key for a user (printed once)',
  usage: 'apikey create --email E [--name N] [--expires-days N] [--read-only] [--allow ADDRESS_OR_CIDR…] [--json]',
  async run(args, io) {
    const { flags } = parseArgs(args, ['read-only', 'json']);
    const email = flags.get('email')?.[0];
    if (!email) throw new Error('--email is required');
    const days = flags.get('expires-days')?.[0];
    if (days !== undefined && !/^\d+$/.test(days)) throw new Error('--expires-days must be a whole number of days');
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateDatabase(store);
      const user = await findUserByEmail(store.db, email.toLowerCase());
      if (!user) {
        io.stderr.write(`no user with email ${email}\n`);
        return 1;
      }
      const created = await createApiKey(
        store.db,
        user.id,
        {
          // Key names are unique per user: the default carries its time, so a second unnamed key is not refused.
          name: flags.get('name')?.[0] ?? `created by operator ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`,
          ...(days !== undefined ? { expiresDays: Number(days) } : {}),
          readOnly: flags.has('read-only'),
          allowedAddresses: flags.get('allow') ?? [],
        },
        { actorId: null, ip: null },
      );
      io.stdout.write(
        flags.has('json')
          ? `${JSON.stringify(created)}\n`
          : `API key (shown once, store it now): ${created.key}\nexpires: ${created.expiresAt}${created.readOnly ? ' (read-only)' : ''}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
