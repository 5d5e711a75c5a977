/**
 * Maps every failure to a clear answer in the reader's language: AppError codes to 4xx pages (in the public or portal
 * layout) or JSON bodies, runtime parse failures to 400s, anything else to a logged 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../core/db-errors.ts';
import { AppError } from '../core/errors.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { AppEnv } from './context.ts';
import type { Limiters } from './pipeline/limiters.ts';
import type { Area } from './pipeline/route.ts';
import { portalPath } from './pipeline/session.ts';
import { renderPage } from './render.tsx';
import { renderPortal } from './portal/render.tsx';
import { localPath } from './views/layout.tsx';
import { NotFoundSearch } from './views/site/not-found.tsx';

function isPgDataException(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const code = err.status === 403 ? 'csrf_failed' : err.status === 413 ? 'payload_too_large' : err.status === 404 ? 'not_found' : 'bad_request';
    return new AppError(code);
  }
  // Malformed URL encodings surface as these from the runtime, before any handler runs.
  if (err instanceof URIError) return new AppError('bad_request', 'error.detail.bad_encoding');
  // PostgreSQL data exceptions (SQLSTATE class 22: NUL bytes in text, values out of range) are bad input that
  // slipped past validation, not server faults.
  if (isPgDataException(err)) return new AppError('bad_request', 'error.detail.values_cannot_be_stored');
  // A database that is away, restarting or stalled is a moment to wait, not a fault of this request (nor a 500).
  if (isDatabaseUnavailable(err)) return new AppError('unavailable', 'error.detail.database_unavailable');
  return undefined;
}

/** Seconds a client is asked to wait before trying again after a 503: about as long as a database restart takes. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** The area a request belongs to: its route's, or for unknown paths the one its path names. */
function areaOf(c: Context<AppEnv>): Area {
  const declared = c.get('route')?.area;
  if (declared) return declared;
  const path = c.get('basePath') ?? c.req.path;
  if (/^\/portal(\/|$)/.test(path)) return 'portal';
  if (/^\/(api|notices\/v1)(\/|$)/.test(c.req.path) || c.req.path === '/healthz') return 'api';
  return 'public';
}

const wantsJson = (c: Context<AppEnv>): boolean =>
  (c.req.header('accept') ?? '').startsWith('application/json') || (c.req.header('content-type') ?? '').startsWith('application/json');

/** The explanation in the reader's language; a key missing from the catalogs falls back to the code's own message. */
export function errorMessage(tr: Translator, err: AppError): string {
  return tr.knows(err.key) ? tr.t(err.key, err.values) : tr.t(`error.${err.code}.message`);
}

/** The body of an error page, shared by the public site and the portal (each in its own layout). */
export function ErrorSection(props: { tr: Translator; err: AppError; homeHref: string; homeLabel: string; search?: boolean }) {
  const { err, tr } = props;
  return (
    <section class="error-page">
      <h1>{tr.t(`error.${err.code}.title`)}</h1>
      <p>{errorMessage(tr, err)}</p>
      {err.issues.length > 0 ? (
        <ul>
          {err.issues.map((i) => (
            <li>
              <code>{i.field}</code>: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.search ? <NotFoundSearch tr={tr} /> : null}
      <p>
        <a href={props.homeHref}>{props.homeLabel}</a>
      </p>
    </section>
  );
}

export async function renderError(c: Context<AppEnv>, err: AppError): Promise<Response> {
  const status = err.status as 400;
  const tr = c.get('tr');
  const area = areaOf(c);
  if (area === 'api' || (area === 'portal' && wantsJson(c))) {
    if (area === 'portal') c.header('Cache-Control', 'no-store');
    return c.json({ error: { code: err.code, message: errorMessage(tr, err), key: err.key, issues: err.issues } }, status);
  }
  if (area === 'portal') {
    // A lapsed session on a form leads back to sign-in rather than to an error page.
    if (err.code === 'unauthenticated' && !c.get('portalSession'))
      return c.redirect(`${portalPath(c, '/sign-in')}?expired${c.get('formKept') ? '=kept' : ''}`, 303);
    c.header('X-Robots-Tag', 'noindex, nofollow');
    return renderPortal(c, tr.t(`error.${err.code}.title`), <ErrorSection tr={tr} err={err} homeHref={portalPath(c, '/')} homeLabel={tr.t('portal.nav.home')} />, {
      status,
    });
  }
  return renderPage(
    c,
    // Error pages are never cached, so the language links may carry the request's own query.
    { title: tr.t(`error.${err.code}.title`), noindex: true, query: new URL(c.req.url).search.slice(1) },
    <ErrorSection tr={tr} err={err} homeHref={localPath(tr.lang, '/')} homeLabel={tr.t('error.home')} search={err.code === 'not_found'} />,
    status,
  );
}

export async function handleError(err: unknown, c: Context<AppEnv>): Promise<Response> {
  const known = toAppError(err);
  if (known?.code === 'unavailable') {
    if (!(err instanceof AppError)) c.get('deps').logger.warn({ code: (err as { code?: unknown }).code, path: c.req.path, requestId: c.get('requestId') }, 'database unavailable');
    c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
  }
  if (known) return renderError(c, known);
  c.get('deps').logger.error({ err, path: c.req.path, requestId: c.get('requestId') }, 'unhandled error');
  return renderError(c, new AppError('internal'));
}

/** Unknown paths: the 404 of their area (the portal's inside `/portal`), still within the client's budget. */
export async function renderNotFound(c: Context<AppEnv>, limiters: Limiters): Promise<Response> {
  const area = areaOf(c);
  const wait = limiters[area === 'portal' ? 'portal' : area === 'api' ? 'api' : 'public'].take(c.get('clientIp'));
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return renderError(c, new AppError('rate_limited'));
  }
  return renderError(c, new AppError('not_found'));
}
