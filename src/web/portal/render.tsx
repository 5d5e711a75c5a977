/** Renders a portal page: the portal layout, never cached (`no-store`), never indexed. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../context.ts';
import { PortalLayout } from '../views/portal/layout.tsx';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 429;

export async function renderPortal(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  opts: { status?: Status; scripts?: string[] } = {},
): Promise<Response> {
  const deps = c.get('deps');
  const page = (
    <PortalLayout
      tr={c.get('tr')}
      config={deps.config}
      title={title}
      basePath={c.get('basePath')}
      languages={deps.i18n.languages}
      principal={c.get('principal')}
      csrfToken={c.get('csrfToken')}
      demo={deps.config.demoData}
      scripts={opts.scripts ?? []}
    >
      {body}
    </PortalLayout>
  );
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>${await page.toString()}`, opts.status ?? 200);
}
