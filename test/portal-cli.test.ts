import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatform } from '../src/bootstrap.ts';
import { runCli } from '../src/cli/main.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/logger.ts';
import { Client, totpCode } from './portal-support.ts';
import { captureCli } from './support/cli-io.ts';

let dir: string;
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
  process.env.DATA_DIR = dir;
  process.env.LOG_LEVEL = 'silent';
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], stdin = '') => captureCli((io) => runCli(args, io), stdin);

describe('agency and user commands', () => {
  it('creates and lists agencies', async () => {
    expect((await cli(['agency', 'create', '--code', 'be-off', '--name', 'The Office', '--country', 'BE', '--office'])).code).toBe(0);
    expect((await cli(['agency', 'create', '--code', 'DE-NPD', '--name', 'National Police', '--country', 'DE'])).code).toBe(0);
    const dup = await cli(['agency', 'create', '--code', 'DE-NPD', '--name', 'Again', '--country', 'DE']);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    expect((await cli(['agency', 'create', '--code', 'X1', '--name', 'Nowhere', '--country', 'ZZ'])).code).toBe(1);
    const list = await cli(['agency', 'list', '--json']);
    const agencies = JSON.parse(list.out) as { code: string; isOffice: boolean }[];
    expect(agencies.map((a) => [a.code, a.isOffice])).toEqual([
      ['BE-OFF', true],
      ['DE-NPD', false],
    ]);
  });

  it('creates a user with the password from standard input, who can then sign in with the printed TOTP secret', async () => {
    const weak = await cli(['user', 'create', '--email', 'w@police.test', '--name', 'Weak Pw', '--agency', 'DE-NPD', '--role', 'officer'], 'password1234\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/too common/);
    const r = await cli(
      ['user', 'create', '--email', 'Otto@Police.test', '--name', 'Otto Officer', '--agency', 'DE-NPD', '--role', 'officer', '--role', 'auditor', '--json'],
      'maple harbour lantern quietly\n',
    );
    expect(r.code, r.err).toBe(0);
    const created = JSON.parse(r.out) as { id: string; totpSecret: string; roles: string[] };
    expect(created.id).toMatch(/^[0-9a-z]{26}$/);
    expect(created.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(created.roles).toEqual(['auditor', 'officer']);

    const platform = await openPlatform(loadConfig({ DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' }), createLogger('silent'));
    try {
      const c = new Client(platform);
      await c.signIn({ id: created.id, email: 'otto@police.test', name: 'Otto Officer', password: 'maple harbour lantern quietly', totpSecret: created.totpSecret, agencyId: '' });
      expect(await c.page('/portal')).toContain('Otto Officer');
      expect(totpCode(created.totpSecret)).toMatch(/^\d{6}$/);

      expect((await cli(['user', 'disable', '--email', 'otto@police.test'])).code).toBe(0);
      expect((await c.get('/portal')).status).toBe(303);
      expect((await cli(['user', 'disable', '--email', 'nobody@police.test'])).code).toBe(1);
    } finally {
      await platform.close();
    }
  });

  it('refuses unknown agencies and roles', async () => {
    expect((await cli(['user', 'create', '--email', 'a@b.test', '--name', 'A B', '--agency', 'NOPE', '--role', 'officer'], 'maple harbour lantern')).err).toMatch(/no agency/);
    expect((await cli(['user', 'create', '--email', 'a@b.test', '--name', 'A B', '--agency', 'DE-NPD', '--role', 'king'], 'maple harbour lantern')).code).toBe(1);
  });
});
