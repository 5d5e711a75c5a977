/** `user disable`: disables an account by email and ends all of its sessions at once. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import { disableUserByEmail } from '../../services/accounts/set-user-status.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'user disable',
  summary: 'Disable a user and end their sessions',
  usage: 'user disable --email E',
  async run(args, io) {
    const { flags } = parseArgs(args);
    const email = flags.get('email')?.[0];
    if (!email) throw new Error('--email is required');
    const store = openConfiguredStore(loadConfig());
    try {
      await migrateDatabase(store);
      const user = await disableUserByEmail(store.db, email, { now: new Date(), ip: null, userAgent: null }).catch((err: unknown) => {
        if (err instanceof AppError) throw err;
        throw err;
      });
      io.stdout.write(`disabled ${user.email}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
