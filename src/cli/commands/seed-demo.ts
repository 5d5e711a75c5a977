/** `seed-demo`: fills an empty database with the fictional demo set (and always refreshes the police directory). */
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { DEMO_NOTICE_COUNT, DEMO_SEED } from '../../demo/generate.ts';
import { seedDemoData, seedReferenceData } from '../../services/demo/seed-demo.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { parseArgs, type CliCommand } from '../command.ts';

/** Large enough for scale tests, small enough that a typo does not fill the disk. */
const MAX_COUNT = 1_000_000;

function positiveInt(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new Error(`--${flag} must be a whole number from 1 to ${max}`);
  return n;
}

export const command: CliCommand = {
  name: 'seed-demo',
  summary: 'Fill an empty database with the fictional demo data set',
  usage: `seed-demo [--count N (default ${DEMO_NOTICE_COUNT})] [--seed S (default ${DEMO_SEED})]`,
  async run(args, io) {
    const { flags } = parseArgs(args);
    let count: number;
    let seed: number;
    try {
      count = positiveInt('count', flags.get('count')?.[0], DEMO_NOTICE_COUNT, MAX_COUNT);
      seed = positiveInt('seed', flags.get('seed')?.[0], DEMO_SEED, 2 ** 31 - 1);
    } catch (err) {
      io.stderr.write(`${(err as Error).message}\nusage: ${this.usage}\n`);
      return 2;
    }
    const store = openConfiguredStore(loadConfig());
    try {
      const started = performance.now();
      await migrateDatabase(store);
      const reference = await seedReferenceData(store.db);
      const demo = await seedDemoData(store.db, { count, seed });
      io.stdout.write(`police directory: ${reference.policeContacts} countries\n`);
      io.stdout.write(
        demo.seeded
          ? `demo data (fictional): ${demo.notices} notices, ${demo.images} portraits, ${demo.news} news items ` +
              `in ${((performance.now() - started) / 1000).toFixed(1)} s (portraits ${demo.renderMs} ms, writes ${demo.writeMs} ms)\n`
          : 'the database already holds notices: demo data not added\n',
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
