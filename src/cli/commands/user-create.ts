/** `user create`: adds a user with roles; the password is read from standard input, the new TOTP secret is printed. */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { roles, type Role } from '../../core/principal.ts';
import { AppError } from '../../core/errors.ts';
import { createUser, userInput } from '../../services/accounts/create-user.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { findAgencyByCode } from '../../services/accounts/find-accounts.ts';
import { parseArgs, readAll, type CliCommand } from '../command.ts';
import { totpUri } from '../../core/totp.ts';

export const command: CliCommand = {
  name: 'user create',
  summary: 'Create a user (password from standard input)',
  usage: `echo "$PASSWORD" | user create --email E --name N --agency CODE --role ROLE [--role ROLE…] [--json]   (roles: ${roles.join(', ')})`,
  async run(args, io) {
    const { flags } = parseArgs(args, ['json']);
    const config = loadConfig();
    const store = openConfiguredStore(config);
    try {
      await migrateDatabase(store);
      const code = flags.get('agency')?.[0]?.toUpperCase() ?? '';
      const agency = await findAgencyByCode(store.db, code);
      if (!agency) throw new Error(`no agency with the code "${code}"`);
      const parsed = userInput.safeParse({
        email: flags.get('email')?.[0],
        name: flags.get('name')?.[0],
        agencyId: agency.id,
        roles: (flags.get('role') ?? []) as Role[],
      });
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      // Only a trailing newline is dropped: spaces are part of a passphrase.
      const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
      const siteNames = [config.site.name, config.site.shortName];
      const created = await createUser(store.db, null, { ...parsed.data, password }, { now: new Date(), ip: null, userAgent: null }, siteNames).catch(
        (err: unknown) => {
          if (err instanceof AppError) throw err;
          throw err;
        },
      );
      const secret = created.totpSecret ?? '';
      const out = { id: created.user.id, email: created.user.email, agency: agency.code, roles: created.user.roles, totpSecret: secret, otpauthUri: totpUri(secret, config.site.name, created.user.email) };
      io.stdout.write(flags.has('json') ? `${JSON.stringify(out)}\n` : `created user ${out.email} (${out.id})\nTOTP secret: ${secret}\notpauth URI: ${out.otpauthUri}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
