/** Portal URLs in the request's language (`/portal/…` in English, `/fr/portal/…` in French). */
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { localPath } from '../views/layout.tsx';

export function portalPath(c: Context<AppEnv>, path: string): string {
  return localPath(c.get('lang'), path === '/' ? '/portal' : `/portal${path}`);
}
