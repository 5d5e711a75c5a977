/**
 * The one way to add a route: `routes.page(...)`, `routes.portalAction(...)`, `routes.apiRead(...)` and the other kinds
 * fix the steps a request runs, in order, and record the declaration where the route-table test can read it.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import { assertCan } from '../../core/permissions.ts';
import { currentScope, runInScope } from '../../services/request-scope.ts';
import { inTransaction } from '../../services/transaction.ts';
import type { AppEnv } from '../context.ts';
import { readForm, readJson, type FormBody } from './body.ts';
import type { Limiters, LimiterName } from './limiters.ts';
import { keepExpiredForm } from './kept-forms.ts';
import { authenticate, checkCsrf, requireRecentAuth } from './session.ts';
import type { PageCache } from './page-cache.ts';
import type { Area, Declaration, InputOf, InputSchemas, Method, RouteKind, RouteSpec } from './route.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The declaration of the route serving this request (absent for unknown paths). */
    route: Declaration | undefined;
  }
}

/** What each kind fixes; a spec may override only what its kind leaves open. */
type KindRules = { method: Method; area: Area; localised: boolean; limit: LimiterName } & Pick<Declaration, 'auth' | 'csrf' | 'transaction' | 'audit' | 'cache'>;

const kindRules: Record<RouteKind, KindRules> = {
  page: { method: 'GET', area: 'public', localised: true, limit: 'public', auth: 'none', csrf: false, transaction: 'none', audit: 'none', cache: true },
  feed: { method: 'GET', area: 'public', localised: false, limit: 'feeds', auth: 'none', csrf: false, transaction: 'none', audit: 'none', cache: false },
  asset: { method: 'GET', area: 'public', localised: false, limit: 'assets', auth: 'none', csrf: false, transaction: 'none', audit: 'none', cache: false },
  probe: { method: 'GET', area: 'api', localised: false, limit: 'probe', auth: 'none', csrf: false, transaction: 'none', audit: 'none', cache: false },
  portalPage: { method: 'GET', area: 'portal', localised: true, limit: 'portal', auth: 'session', csrf: false, transaction: 'none', audit: 'none', cache: false },
  portalAction: { method: 'POST', area: 'portal', localised: true, limit: 'portal', auth: 'session', csrf: true, transaction: 'request', audit: 'required', cache: false },
  apiRead: { method: 'GET', area: 'api', localised: false, limit: 'api', auth: 'none', csrf: false, transaction: 'none', audit: 'none', cache: false },
  apiWrite: { method: 'POST', area: 'api', localised: false, limit: 'api', auth: 'api-key', csrf: false, transaction: 'request', audit: 'required', cache: false },
};

/** Handlers the pipeline made, with what their route declared: anything else in the route table bypassed it. */
const declared = new WeakMap<object, Declaration>();

export function declarationOf(handler: object): Declaration | undefined {
  return declared.get(handler);
}

/** Global middleware registered through the pipeline (request context, security headers, URL checks). */
const globals = new WeakSet<object>();

export function isPipelineGlobal(handler: object): boolean {
  return globals.has(handler);
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }, part: string): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || part, message: i.message }));
}

/** A 429 with the seconds to wait, when the budget is spent. */
function refuseOverBudget(c: Context<AppEnv>, wait: number): void {
  if (wait <= 0) return;
  c.header('Retry-After', String(wait));
  throw new AppError('rate_limited', 'error.rate_limited.message');
}

/** Query parameters read once each, except those the route lets repeat. */
function rawQuery(c: Context<AppEnv>, repeatable: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    out[key] = repeatable.includes(key) ? values : (values[0] ?? '');
  }
  return out;
}

/** Form fields as the schema sees them: one value per field unless it repeats. */
function flatForm(body: FormBody): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]));
}

type Raw = { params: Record<string, string>; query: Record<string, string | string[]>; body: unknown };

async function rawInput(c: Context<AppEnv>, kind: RouteKind, schemas: InputSchemas, repeatable: readonly string[]): Promise<Raw> {
  const type = c.req.header('content-type') ?? '';
  const json = /^application\/json\b/i.test(type);
  // Portal forms come as forms; an API write takes JSON, or a multipart form where it uploads a file.
  const form = kind === 'portalAction' ? !json : kind === 'apiWrite' && /^multipart\/form-data/i.test(type);
  const body = schemas.body ? (form ? flatForm(await readForm(c)) : await readJson(c)) : undefined;
  return { params: c.req.param() as Record<string, string>, query: rawQuery(c, repeatable), body };
}

type ErrorMap = ReturnType<typeof z.locales.en>['localeError'];
const errorMaps = new Map<string, ErrorMap | undefined>();

/** zod's own messages in the reader's language where zod has it (a schema's custom messages stay as written). */
function errorMapFor(lang: string): ErrorMap | undefined {
  if (!errorMaps.has(lang)) {
    const locale = (z.locales as Record<string, (() => { localeError: ErrorMap }) | undefined>)[lang];
    errorMaps.set(lang, locale?.().localeError);
  }
  return errorMaps.get(lang);
}

/** Validates each part against its schema; all problems of all parts are reported together. */
function validateInput<S extends InputSchemas>(
  schemas: S,
  raw: Raw,
  lang: string,
): { ok: true; input: InputOf<S> } | { ok: false; issues: FieldIssue[]; parts: (keyof InputSchemas)[] } {
  const issues: FieldIssue[] = [];
  const parts: (keyof InputSchemas)[] = [];
  const out: Record<string, unknown> = { params: undefined, query: undefined, body: undefined };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = schemas[part];
    if (!schema) continue;
    const error = errorMapFor(lang);
    const r = error ? schema.safeParse(raw[part], { error }) : schema.safeParse(raw[part]);
    if (r.success) out[part] = r.data;
    else {
      parts.push(part);
      issues.push(...issuesOf(r.error, part));
    }
  }
  return issues.length > 0 ? { ok: false, issues, parts } : { ok: true, input: out as InputOf<S> };
}

export class Routes {
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly limiters: Limiters,
    private readonly languages: readonly string[],
    private readonly cache: PageCache,
  ) {}

  /** Middleware every request passes before its route (context, headers, URL checks). */
  global(handler: MiddlewareHandler<AppEnv>): void {
    globals.add(handler);
    this.app.use(handler);
  }

  page<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('page', path, spec);
  }
  feed<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('feed', path, spec);
  }
  asset<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('asset', path, spec);
  }
  probe<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('probe', path, spec);
  }
  portalPage<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('portalPage', path, spec);
  }
  portalAction<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O>): void {
    this.add('portalAction', path, spec);
  }
  apiRead<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O> & { method?: 'GET' | 'POST' }): void {
    this.add('apiRead', path, spec, spec.method);
  }
  apiWrite<S extends InputSchemas, O>(path: string, spec: RouteSpec<S, O> & { method?: 'POST' | 'PATCH' | 'DELETE' }): void {
    this.add('apiWrite', path, spec, spec.method);
  }

  private add<S extends InputSchemas, O>(kind: RouteKind, path: string, spec: RouteSpec<S, O>, method?: Method): void {
    const rules = kindRules[kind];
    const decl: Declaration = {
      kind,
      method: method ?? rules.method,
      path,
      area: rules.area,
      limit: spec.limit ?? rules.limit,
      auth: spec.auth ?? rules.auth,
      authorise: spec.authorise,
      recentAuth: spec.recentAuth ?? false,
      csrf: rules.csrf || rules.area === 'portal',
      validates: Boolean(spec.input?.params || spec.input?.query || spec.input?.body),
      transaction: spec.transaction ?? rules.transaction,
      audit: spec.audit ?? rules.audit,
      cache: spec.cache ?? rules.cache,
      cors: false,
    };
    decl.cors = (kind === 'apiRead' || kind === 'feed' || kind === 'asset') && (decl.auth === 'none' || decl.auth === 'optional-api-key');
    const handler = this.handler(decl, spec);
    declared.set(handler, decl);
    const prefixes = rules.localised ? ['', ...this.languages.filter((l) => l !== 'en').map((l) => `/${l}`)] : [''];
    for (const prefix of prefixes) this.app.on(decl.method, `${prefix}${path === '/' && prefix ? '' : path}` || '/', handler);
    if (decl.cors) this.preflight(path, decl);
  }

  /**
   * Browsers ask before a cross-origin POST or a request with headers beyond the simple ones; the answer names what
   * the route accepts, and is itself rate-limited like the route.
   */
  private preflight(path: string, of: Declaration): void {
    const existing = this.preflights.get(path);
    if (existing) {
      existing.add(of.method);
      return;
    }
    const methods = new Set<Method>([of.method]);
    this.preflights.set(path, methods);
    const decl: Declaration = { ...of, method: 'OPTIONS', validates: false, transaction: 'none', audit: 'none', cache: false };
    const limiter = this.limiters[decl.limit];
    const handler = async (c: Context<AppEnv>): Promise<Response> => {
      c.set('route', decl);
      refuseOverBudget(c, await limiter.take(c.get('clientIp')));
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
        'Access-Control-Max-Age': '86400',
      });
    };
    declared.set(handler, decl);
    this.app.on('OPTIONS', path, handler);
  }

  private readonly preflights = new Map<string, Set<Method>>();

  private handler<S extends InputSchemas, O>(decl: Declaration, spec: RouteSpec<S, O>) {
    const limiter = this.limiters[decl.limit];
    const cache = this.cache;
    return async (c: Context<AppEnv>): Promise<Response> => {
      c.set('route', decl);
      if (decl.cors) {
        // Set first, so refusals (429, 404) are readable by browser clients too.
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Access-Control-Expose-Headers', 'Retry-After, ETag');
        c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      }
      // 1. Rate limit: one budget per client and area, whatever the language prefix. A client that brings a key where
      // one is optional is charged to the key's own, larger budget once the key has been checked.
      const keyed = decl.auth === 'optional-api-key' && c.req.header('authorization') !== undefined;
      if (!keyed) refuseOverBudget(c, await limiter.take(c.get('clientIp')));
      // 2. Authenticate, and for portal routes issue (and on forms check) the CSRF token.
      // A form is refused without its token even when its sender would be redirected elsewhere.
      const redirect = await authenticate(c, decl.auth).catch(async (err: unknown) => {
        if (keyed) refuseOverBudget(c, await limiter.take(c.get('clientIp')));
        if (spec.keepOnExpiry && err instanceof AppError && err.code === 'unauthenticated') await keepExpiredForm(c);
        throw err;
      });
      const keyId = keyed ? c.get('principal')?.apiKeyId : undefined;
      if (keyId) refuseOverBudget(c, this.limiters.partner.take(keyId));
      if (decl.csrf) await checkCsrf(c);
      if (redirect) return redirect;
      // 3. Authorise: a named permission; object-level agency checks happen in the use case, against the object.
      const principal = c.get('principal');
      if (decl.authorise === 'signed-in' && !principal) throw new AppError('unauthenticated', 'error.detail.sign_in');
      if (decl.authorise !== 'public' && decl.authorise !== 'signed-in') assertCan(principal, decl.authorise);
      if (decl.recentAuth) {
        const reauth = requireRecentAuth(c);
        if (reauth) return reauth;
      }
      // 4. Validate.
      const raw = await rawInput(c, decl.kind, spec.input ?? {}, spec.repeatable ?? []);
      const checked = validateInput(spec.input ?? ({} as S), raw, c.get('lang'));
      if (!checked.ok) {
        // On pages, a path that does not name a resource in the expected form names no resource at all; API clients
        // get the 400 with the field, which tells a programmer more.
        if (decl.area !== 'api' && checked.parts.length === 1 && checked.parts[0] === 'params') throw new AppError('not_found');
        if (spec.invalid) return spec.invalid(c, checked.issues, { ...raw.query, ...(raw.body as object | undefined) });
        throw new AppError('validation_failed', 'error.validation_failed.message', undefined, checked.issues);
      }
      const input = checked.input;
      const lang = c.get('lang');
      const cacheKey = decl.cache ? `${lang} ${c.req.routePath} ${JSON.stringify(input)}` : undefined;
      if (cacheKey) {
        const hit = await cache.lookup(c, cacheKey);
        if (hit) return hit;
      }
      // 5–6. The use case, in one transaction with its audit entries where the route writes.
      let out: O;
      try {
        out = await this.execute(c, decl, spec, input);
      } catch (err) {
        const recovered = err instanceof AppError && spec.recover ? await spec.recover(c, err, input) : undefined;
        if (recovered) return recovered;
        throw err;
      }
      // 7. Render.
      const res = await spec.render(c, out, input);
      if (cacheKey) await cache.store(c, cacheKey, res);
      if (decl.area === 'portal' || decl.auth === 'api-key') {
        // Answers for signed-in officials are personal: never stored by a shared cache, never indexed.
        res.headers.set('Cache-Control', 'no-store');
        if (decl.area === 'portal') res.headers.set('X-Robots-Tag', 'noindex, nofollow');
      }
      return res;
    };
  }

  private async execute<S extends InputSchemas, O>(c: Context<AppEnv>, decl: Declaration, spec: RouteSpec<S, O>, input: InputOf<S>): Promise<O> {
    const deps = c.get('deps');
    const principal = c.get('principal');
    const scope = {
      principal: principal ?? null,
      ip: c.get('clientIp'),
      userAgent: c.req.header('user-agent') ?? null,
      purpose: purposeOf(c, input),
      channel: decl.area === 'api' ? ('api' as const) : decl.area === 'portal' ? ('portal' as const) : ('public' as const),
    };
    const call = (db: typeof deps.db) =>
      spec.run({
        input,
        db,
        principal,
        session: c.get('portalSession'),
        meta: { now: new Date(), ip: scope.ip, userAgent: scope.userAgent },
        deps,
        tr: c.get('tr'),
        changeHead: c.get('cacheVersion'),
      });
    return runInScope(scope, async () => {
      if (decl.transaction !== 'request') return call(deps.db);
      return inTransaction(deps.db, async (trx) => {
        const out = await call(trx);
        // A route declared to leave a trace that did not is a bug: roll the change back rather than keep it unrecorded.
        if (decl.audit === 'required' && currentScope().audited === 0) throw new Error(`${decl.method} ${decl.path} wrote no audit entry`);
        return out;
      });
    });
  }
}

/** The purpose stated for consulting personal data: the `X-Purpose` header of API calls, or a `purpose` field. */
function purposeOf(c: Context<AppEnv>, input: { query: unknown; body: unknown }): string | null {
  const header = c.req.header('x-purpose');
  if (header) return header;
  for (const part of [input.body, input.query]) {
    const p = (part as { purpose?: unknown } | undefined)?.purpose;
    if (typeof p === 'string') return p;
  }
  return null;
}
