/** Maps every failure to a clear answer: AppError codes to 4xx pages or JSON bodies, anything else to a logged 500. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors.ts';
import type { AppEnv } from './context.ts';
import { renderPage } from './render.tsx';
import { localPath } from './views/layout.tsx';

const wantsJson = (c: Context<AppEnv>): boolean =>
  /^\/(api|notices\/v1)(\/|$)/.test(c.req.path) || (c.req.header('accept') ?? '').startsWith('application/json');

function isPgDataException(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const code = err.status === 403 ? 'csrf_failed' : err.status === 413 ? 'payload_too_large' : err.status === 404 ? 'not_found' : 'bad_request';
    return new AppError(code, err.message || 'The request could not be processed.');
  }
  // Malformed bodies and URL encodings surface as these from the runtime, before any handler runs.
  if (err instanceof URIError) return new AppError('bad_request', 'The address contains an invalid encoding.');
  // Only a body that is not JSON; other SyntaxErrors are our own bugs and must surface as 500s.
  if (err instanceof SyntaxError && /JSON/.test(err.message)) return new AppError('bad_request', 'The request body could not be read.');
  // PostgreSQL data exceptions (SQLSTATE class 22: NUL bytes in text, values out of range) are bad input that
  // slipped past validation, not server faults.
  if (isPgDataException(err)) return new AppError('bad_request', 'Some of the values sent cannot be stored.');
  return undefined;
}

/** The body of an error page, shared by the public site and the portal (each in its own layout). */
export function ErrorSection(props: { title: string; err: AppError; homeHref: string; homeLabel: string }) {
  const { err } = props;
  return (
    <section class="error-page">
      <h1>{props.title}</h1>
      <p>{err.message}</p>
      {err.issues.length > 0 ? (
        <ul>
          {err.issues.map((i) => (
            <li>
              <code>{i.field}</code>: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={props.homeHref}>{props.homeLabel}</a>
      </p>
    </section>
  );
}

export async function renderError(c: Context<AppEnv>, err: AppError): Promise<Response> {
  const status = err.status as 400;
  if (wantsJson(c)) {
    return c.json({ error: { code: err.code, message: err.message, issues: err.issues } }, status);
  }
  const tr = c.get('tr');
  const titleKey = `error.${err.code}.title`;
  return renderPage(
    c,
    { title: tr.t(titleKey), noindex: true },
    <ErrorSection title={tr.t(titleKey)} err={err} homeHref={localPath(tr.lang, '/')} homeLabel={tr.t('error.home')} />,
    status,
  );
}

export async function handleError(err: unknown, c: Context<AppEnv>): Promise<Response> {
  const known = toAppError(err);
  if (known) return renderError(c, known);
  c.get('deps').logger.error({ err, path: c.req.path, requestId: c.get('requestId') }, 'unhandled error');
  return renderError(c, new AppError('internal', 'Something went wrong on our side. Please try again later.'));
}
