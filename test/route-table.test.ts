/**
 * Walks the app's real route table: every route must have been declared through the pipeline's route kinds, with a
 * rate limiter, an authentication decision, and for every write a CSRF or API-key check, a transaction and an audit
 * decision. Adding a route with `app.get(...)` beside the pipeline fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { limiterBudgets } from '../src/web/pipeline/limiters.ts';
import { declarationOf, isPipelineGlobal } from '../src/web/pipeline/routes.ts';
import { routeKinds, type Declaration } from '../src/web/pipeline/route.ts';
import { openTestPlatform } from './portal-support.ts';

const COMPOSED = '__COMPOSED_HANDLER';
type Handler = ((...args: never[]) => unknown) & { [COMPOSED]?: Handler };
const target = (h: Handler): Handler => (h[COMPOSED] ? target(h[COMPOSED]) : h);

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The problems of one declaration, as sentences; empty when the route runs every step it must. */
function problemsOf(d: Declaration): string[] {
  const p: string[] = [];
  if (!routeKinds.includes(d.kind)) p.push(`unknown kind ${d.kind}`);
  if (!(d.limit in limiterBudgets)) p.push('no rate limiter');
  if (!d.auth) p.push('no authentication decision');
  if (!d.authorise) p.push('no authorisation decision');
  if (unsafe.has(d.method)) {
    const writes = d.transaction !== 'none' || d.audit !== 'none';
    if (writes && !d.csrf && d.auth !== 'api-key') p.push('a write without a CSRF or API-key check');
    if (writes && d.audit === 'none') p.push('a write without an audit decision');
    if (d.kind === 'portalAction' && !d.csrf) p.push('a portal form without CSRF');
    if (!writes && d.kind !== 'apiRead') p.push('an unsafe method declared as a read outside the API');
  }
  if (d.auth === 'none' && d.area === 'portal' && d.authorise !== 'public') p.push('a portal route that authorises nobody it authenticates');
  if ((d.auth === 'session' || d.auth === 'api-key') && d.authorise === 'public') p.push('an authenticated route that checks no permission');
  return p;
}

describe('route table', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => p.close());

  it('has every route declared through the pipeline, each with all its steps', () => {
    const bypassing: string[] = [];
    const incomplete: string[] = [];
    let declared = 0;
    for (const r of p.app.routes) {
      const h = target(r.handler as Handler);
      if (r.method === 'ALL') {
        if (!isPipelineGlobal(h)) bypassing.push(`middleware on ${r.path}`);
        continue;
      }
      const d = declarationOf(h);
      if (!d) {
        bypassing.push(`${r.method} ${r.path}`);
        continue;
      }
      declared++;
      for (const problem of problemsOf(d)) incomplete.push(`${r.method} ${r.path}: ${problem}`);
    }
    expect(bypassing, 'routes that skip the pipeline').toEqual([]);
    expect(incomplete, 'routes that skip a step').toEqual([]);
    expect(declared).toBeGreaterThan(60);
  });

  it('finds a route that skips the pipeline, and one that skips a step', () => {
    p.app.get('/bypass', (c) => c.text('no limiter, no authentication'));
    const bypass = p.app.routes.find((r) => r.path === '/bypass');
    expect(declarationOf(target(bypass!.handler as Handler))).toBeUndefined();
    const write: Declaration = {
      kind: 'apiWrite', method: 'POST', path: '/x', area: 'api', limit: 'api', auth: 'none', authorise: 'public',
      recentAuth: false, csrf: false, validates: true, transaction: 'request', audit: 'required', cache: false, cors: false,
    };
    expect(problemsOf(write)).toContain('a write without a CSRF or API-key check');
    expect(problemsOf({ ...write, limit: 'nope' as never })).toContain('no rate limiter');
  });

  it('mounts localised pages under every language with the same declaration', () => {
    const en = p.app.routes.find((r) => r.method === 'GET' && r.path === '/portal/account');
    const fr = p.app.routes.find((r) => r.method === 'GET' && r.path === '/fr/portal/account');
    expect(en && fr).toBeTruthy();
    expect(declarationOf(target(fr!.handler as Handler))).toBe(declarationOf(target(en!.handler as Handler)));
  });
});
