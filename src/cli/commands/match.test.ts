import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotice, wantedInput } from '../../../test/api-support.ts';
import { openStore, sqlitePathIn } from '../../storage/db.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { command } from './match.ts';
import { captureCli } from '../../../test/support/cli-io.ts';

const run = (args: string[]) => captureCli((io) => command.run(args, io));

describe('match command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-match-'));
  const saved = process.env.DATA_DIR;
  let reference = '';
  beforeAll(async () => {
    const store = openStore({ sqlitePath: sqlitePathIn(dir) });
    await migrateDatabase(store);
    reference = (await createNotice(store.db, wantedInput())).reference;
    await store.close();
    process.env.DATA_DIR = dir;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the explained candidates from the configured database', async () => {
    const r = await run(['Taras Schewtschenko', '--dob', '1980-03-09', '--nationality', 'ua', '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(reference);
    expect(r.out).toContain('MATCH');
    expect(r.out).toMatch(/Date of birth 1980-03-09 is the same/);
  });

  it('refuses bad options', async () => {
    expect((await run([])).err).toMatch(/at least one name/);
    expect((await run(['X', '--limit', '99'])).err).toMatch(/--limit/);
    expect((await run(['X', '--dob', '1980-13'])).err).toMatch(/--dob/);
  });
});
