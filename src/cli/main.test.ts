import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

function fakeIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

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
    const f = fakeIo();
    expect(await runCli(['help'], f.io)).toBe(0);
    expect(f.out()).toContain('migrate');
    expect(f.out()).toContain('seed-demo');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const f = fakeIo();
    expect(await runCli(['no-such-command'], f.io)).toBe(2);
    expect(f.err()).toContain('Unknown command');
  });

  it('migrates, then seeds the demo set once', async () => {
    const f = fakeIo();
    expect(await runCli(['migrate'], f.io)).toBe(0);
    expect(f.out()).toContain('applied');
    const g = fakeIo();
    expect(await runCli(['seed-demo'], g.io)).toBe(0);
    expect(g.out()).toMatch(/demo data \(fictional\): \d+ notices/);
    const h = fakeIo();
    expect(await runCli(['seed-demo'], h.io)).toBe(0);
    expect(h.out()).toContain('already holds notices');
  });

  it('fails fast with a clear message on bad configuration', async () => {
    process.env.PORT = 'not-a-port';
    const f = fakeIo();
    expect(await runCli(['migrate'], f.io)).toBe(2);
    expect(f.err()).toContain('PORT');
  });
});
