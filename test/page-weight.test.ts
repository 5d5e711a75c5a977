/** Page weight budget: the home page's HTML and stylesheets stay under 60 KB uncompressed, and no public page loads a script. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/logger.ts';

const BUDGET_BYTES = 60 * 1024;
const publicPages = ['/', '/notices', '/notices?kind=wanted&sex=M&sort=name', '/help', '/news', '/about', '/scam-warning', '/accessibility', '/privacy', '/fr', '/fr/notices'];

let platform: Platform;

async function get(path: string): Promise<{ status: number; bytes: number; text: string }> {
  const res = await platform.app.request(path);
  const buf = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes: buf.byteLength, text: new TextDecoder().decode(buf) };
}

const stylesheetsOf = (html: string): string[] =>
  [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /\brel="?stylesheet"?/i.test(tag))
    .map((tag) => /\bhref="([^"]+)"/i.exec(tag)?.[1]?.replaceAll('&amp;', '&') ?? '');

beforeAll(async () => {
  platform = await openPlatform(loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'true', LOG_LEVEL: 'silent' }), createLogger('silent'));
});

afterAll(async () => {
  await platform?.close();
});

describe('page weight', () => {
  test('the home page HTML plus all its stylesheets is under 60 KB uncompressed (photos excepted)', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    const sheets = stylesheetsOf(home.text);
    expect(sheets.length, 'the home page links a stylesheet').toBeGreaterThan(0);
    const sizes: Record<string, number> = { '/': home.bytes };
    for (const href of sheets) {
      const origin = platform.deps.config.publicUrl;
      const path = href.startsWith(origin) ? href.slice(origin.length) : href;
      expect(path.startsWith('/'), `stylesheet ${href} is served by the site itself`).toBe(true);
      const css = await get(path);
      expect(css.status, `GET ${path}`).toBe(200);
      sizes[path] = css.bytes;
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(total, `bytes per resource: ${JSON.stringify(sizes)}`).toBeLessThan(BUDGET_BYTES);
  });

  test('no public page has a <script src>', async () => {
    const withScripts: string[] = [];
    for (const path of publicPages) {
      const page = await get(path);
      expect(page.status, `GET ${path}`).toBe(200);
      if (/<script\b[^>]*\bsrc\s*=/i.test(page.text)) withScripts.push(path);
    }
    expect(withScripts).toEqual([]);
  });
});
