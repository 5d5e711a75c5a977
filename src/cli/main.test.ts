import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './main.ts';
import { captureCli } from '../../test/support/cli-io.ts';


describe('cli', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists its commands with help', async () => {
    const f = await captureCli((io) => runCli(['help'], io));
    expect(f.code).toBe(0);
    expect(f.out).toContain('migrate');
    expect(f.out).toContain('seed-demo');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const f = await captureCli((io) => runCli(['no-such-command'], io));
    expect(f.code).toBe(2);
    expect(f.err).toContain('Unknown command');
  });

  it('migrates, then seeds the demo set once', async () => {
    const f = await captureCli((io) => runCli(['migrate'], io));
    expect(f.code).toBe(0);
    expect(f.out).toContain('applied');
    const g = await captureCli((io) => runCli(['seed-demo'], io));
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/demo data \(fictional\): \d+ notices/);
    const h = await captureCli((io) => runCli(['seed-demo'], io));
    expect(h.code).toBe(0);
    expect(h.out).toContain('already holds notices');
  });

  it('fails fast with a clear message on bad configuration', async () => {
    process.env.PORT = 'not-a-port';
    const f = await captureCli((io) => runCli(['migrate'], io));
    expect(f.code).toBe(2);
    expect(f.err).toContain('PORT');
  });
});
