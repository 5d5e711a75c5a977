/** Serves the few static assets (CSS, logo, scripts-free icons) from memory with validators and long caching. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.ts';
import type { Routes } from './pipeline/routes.ts';
import { z } from 'zod';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'static');

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

type Asset = { body: Uint8Array; type: string; etag: string };

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = types[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return assets;
}

const nameParam = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,80}$/, 'not a file name') });

export function registerStaticRoutes(routes: Routes): void {
  const assets = loadAssets();
  routes.asset('/static/:name', {
    authorise: 'public',
    input: { params: nameParam },
    run: async ({ input }) => assets.get(input.params.name),
    render: (c, asset) => {
      if (!asset) throw new AppError('not_found');
      if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, { ETag: asset.etag });
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': asset.type,
        ETag: asset.etag,
        'Cache-Control': 'public, max-age=3600',
      });
    },
  });
}
