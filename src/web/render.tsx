/** Renders a full public page (doctype, layout, body) for the current request's language, and answers documents as bytes encoded once. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AppEnv } from './context.ts';
import { Fragment, htmlBytes, trusted } from './jsx/jsx-runtime.ts';
import { Layout, type PageMeta } from './views/layout.tsx';

const doctype = trusted('<!doctype html>');

/**
 * An HTML document as its response, as bytes: the parts kept encoded are copied and only the rest is encoded, once
 * (given a string, the server would measure its UTF-8 length and then encode all of it again to write it).
 */
export function htmlDocument(c: Context<AppEnv>, html: HtmlEscapedString | string, status: StatusCode = 200): Response {
  return c.body(htmlBytes(Fragment({ children: [doctype, html] })), status, { 'Content-Type': 'text/html; charset=UTF-8' });
}

const utf8 = new TextEncoder();

/** JSON already written, for an answer assembled from parts kept serialised. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A JSON answer as bytes encoded once (given a string, the server measures its UTF-8 length, then encodes it again). */
export function jsonDocument(c: Context<AppEnv>, value: unknown, status: StatusCode = 200): Response {
  const text = value instanceof JsonText ? value.text : JSON.stringify(value);
  return c.body(utf8.encode(text), status, { 'Content-Type': 'application/json' });
}

type StatusCode = 200 | 400 | 401 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 429 | 500 | 503;

export async function renderPage(
  c: Context<AppEnv>,
  meta: Omit<PageMeta, 'basePath' | 'languages'> & { basePath?: string },
  body: Child,
  status: StatusCode = 200,
): Promise<Response> {
  const deps = c.get('deps');
  const page = (
    <Layout
      tr={c.get('tr')}
      config={deps.config}
      demo={deps.config.demoData}
      meta={{ ...meta, basePath: meta.basePath ?? c.get('basePath'), languages: deps.i18n.languages }}
    >
      {body}
    </Layout>
  );
  return htmlDocument(c, await page, status);
}
