/** Renders a full public page (doctype, layout, body) for the current request's language. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './context.ts';
import { Layout, type PageMeta } from './views/layout.tsx';

export async function renderPage(
  c: Context<AppEnv>,
  meta: Omit<PageMeta, 'basePath' | 'languages'> & { basePath?: string },
  body: Child,
  status: 200 | 400 | 401 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 429 | 500 | 503 = 200,
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
  return c.html(`<!doctype html>${await page.toString()}`, status);
}
