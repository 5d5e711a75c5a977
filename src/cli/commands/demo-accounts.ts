/** `demo-accounts`: lists the demo accounts, or with `--reset` gives them new credentials and prints them once. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import { formatDemoCredentials, listDemoAccounts, resetDemoAccounts } from '../../services/demo/seed-demo-accounts.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

export const command: CliCommand = {
  name: 'demo-accounts',
  summary: 'List the demo accounts; --reset sets new passwords and TOTP secrets and prints them',
  usage: 'demo-accounts [--reset]',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, ['reset']);
    const unknown = [...flags.keys()].filter((f) => f !== 'reset');
    if (unknown.length > 0 || positionals.length > 0) throw new Error(`unexpected ${[...unknown.map((f) => `--${f}`), ...positionals].join(' ')}`);
    const config = loadConfig();
    const store = openConfiguredStore(config);
    try {
      await migrateDatabase(store);
      if (flags.has('reset')) {
        const credentials = await resetDemoAccounts(store.db, { issuer: config.site.name }).catch((err: unknown) => {
          if (err instanceof AppError) throw err;
          throw err;
        });
        io.stdout.write(formatDemoCredentials(credentials));
        io.stdout.write(`New credentials for ${credentials.length} demo accounts; their previous passwords, authenticators and sessions no longer work.\n`);
        return 0;
      }
      const accounts = await listDemoAccounts(store.db);
      if (accounts.length === 0) {
        io.stdout.write('No demo accounts in this database (they are created on a start with DEMO_DATA=true).\n');
        return 0;
      }
      const width = Math.max(...accounts.map((a) => a.email.length));
      const roleWidth = Math.max(...accounts.map((a) => a.roles.join('+').length));
      io.stdout.write('Demo accounts (fictional):\n');
      for (const a of accounts) io.stdout.write(`  ${a.email.padEnd(width)}  ${a.roles.join('+').padEnd(roleWidth)}  ${a.agency}\n`);
      io.stdout.write(
        'Passwords are not stored in clear (only their hashes), so they cannot be shown again.\n' +
          'To get working credentials, set new ones: npm run -s cli -- demo-accounts --reset\n',
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
