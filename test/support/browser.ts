/** Browser-test harness: a local headless Chromium (never downloaded), axe-core checks, and the real platform on loopback. */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openPlatform, type Platform } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logger.ts';

/** Flags for a quiet, reproducible run: no sandbox (CI runs as root), no GPU, no traffic of the browser's own. */
const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium from $CHROMIUM_PATH, else Debian's package, else the binary bundled in @sparticuz/chromium. */
async function findChromium(): Promise<{ executablePath: string; extraArgs: string[] }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, extraArgs: [] };
  }
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', extraArgs: [] };
  const { default: bundled } = await import('@sparticuz/chromium');
  // Its recommended flags, less three that suit Lambda only: no web security (CSP and CORS must apply here), a
  // headless mode Playwright sets itself, and a single process, which crashes when a test opens a second context.
  const dropped = new Set(['--disable-web-security', '--single-process']);
  const extraArgs = bundled.args.filter((a) => !dropped.has(a) && !a.startsWith('--headless'));
  return { executablePath: await unpackOnce(() => bundled.executablePath()), extraArgs };
}

/**
 * Runs the bundled Chromium's unpacking under a lock file shared by every vitest worker. `executablePath()` returns
 * `$TMPDIR/chromium` as soon as that file exists, so a second worker calling it while the first is still writing
 * gets a half-written binary and fails to spawn it with ETXTBSY. The lock names its holder's pid, so a lock left by
 * a killed run is taken over instead of waited on forever.
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  const lock = join(tmpdir(), 'liaison-chromium-unpack.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return await unpack();
      } finally {
        rmSync(lock, { force: true });
      }
    }
    if (!lockHolderAlive(lock)) {
      try {
        unlinkSync(lock);
      } catch {
        // Another waiter removed the stale lock first; either way, try to take it again.
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock} (Chromium unpacking by another test worker)`);
    await sleep(200);
  }
}

/**
 * Whether the pid written in the lock file is a running process. A lock without a pid yet is held for a few seconds
 * (its holder is between creating and writing it), then counts as left by a holder that died in between.
 */
function lockHolderAlive(lock: string): boolean {
  let text: string;
  let ageMs: number;
  try {
    text = readFileSync(lock, 'utf8');
    ageMs = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return true;
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return ageMs < 5_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Launches headless Chromium. Playwright gives every launch a fresh temporary `--user-data-dir` of its own (and
 * refuses one in `args`), removed again on `close()`.
 */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, extraArgs } = await findChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...new Set([...baseArgs, ...extraArgs])],
    timeout: 30_000,
  });
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A violation reduced to what a failing assertion needs to show: rule, impact and the offending elements. */
export type AxeViolation = { id: string; impact: string | null | undefined; help: string; nodes: { target: string; html: string }[] };

/**
 * Runs axe-core in the page. The source goes in through the DevTools protocol (`page.evaluate`), which the page's
 * CSP does not govern, so pages are tested under their real policy.
 */
export async function runAxe(page: Page, opts: { tags?: string[] } = {}): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    async (tags: string[]) => {
      const g = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
      return g.axe.run(g.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    opts.tags ?? wcagTags,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html })),
  }));
}

export type TestServer = { url: string; platform: Platform; close(): Promise<void> };

/**
 * Boots the real platform (migrations, demo data) on 127.0.0.1 with an ephemeral port and a temporary DATA_DIR.
 * The socket is opened first so that PUBLIC_URL (canonical links, feeds) names the real port.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-browser-'));
  // Filled in once the platform is up; until then the socket answers 503.
  const app: { handler?: (req: Request, env: unknown) => Response | Promise<Response> } = {};
  const server = serve({
    fetch: (req: Request, bindings: unknown) => (app.handler ? app.handler(req, bindings) : new Response('starting', { status: 503 })),
    hostname: '127.0.0.1',
    port: 0,
  }) as Server<typeof IncomingMessage, typeof ServerResponse>;
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    ...env,
  });
  const platform = await openPlatform(config, createLogger('silent'));
  app.handler = (req, bindings) => platform.app.fetch(req, bindings);
  return {
    url,
    platform,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The folder every browser test writes its screenshots to, for a person to look at (never committed). */
export const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** A person signed in with password and TOTP in a context of their own, as the workflow tests need several at once. */
export async function signedInPage(browser: Browser, server: TestServer, user: { email: string; password: string; totpSecret: string }, totp: (secret: string) => string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(`${server.url}/portal/sign-in`);
  await p.fill('#email', user.email);
  await p.fill('#password', user.password);
  await p.click('form[action="/portal/sign-in"] button[type=submit]');
  await p.fill('#code', totp(user.totpSecret));
  await p.click('form[action="/portal/mfa/totp"] button[type=submit]');
  await p.waitForURL((url) => url.pathname === '/portal');
  return p;
}

type Doc = { documentElement: { scrollWidth: number; clientWidth: number } };

/**
 * Looks at a page as a phone (390 px) and a desktop (1280 px) show it: axe violations and sideways scrolling are
 * added to `problems`, and a full-page screenshot of each is saved as `<name>-<width>.png`.
 */
export async function lookAt(p: Page, name: string, problems: string[]): Promise<void> {
  for (const width of [390, 1280]) {
    await p.setViewportSize({ width, height: 900 });
    const { scrollWidth, clientWidth } = await p.evaluate(() => (globalThis as unknown as { document: Doc }).document.documentElement);
    if (scrollWidth > clientWidth) problems.push(`${name} at ${width} px scrolls sideways: ${scrollWidth} px for ${clientWidth}`);
    const violations = await runAxe(p);
    if (violations.length) problems.push(`${name} at ${width} px: ${JSON.stringify(violations, null, 1)}`);
    await p.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await p.setViewportSize({ width: 1280, height: 900 });
}
