/** Renders a portal page: the portal layout, never cached (`no-store`), never indexed. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can } from '../../core/permissions.ts';
import { countOwnUnread } from '../../services/cases/list-notifications.ts';
import type { AppEnv } from '../context.ts';
import { htmlDocument } from '../render.tsx';
import { PortalLayout } from '../views/portal/layout.tsx';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 429;

export async function renderPortal(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  opts: { status?: Status; scripts?: string[] } = {},
): Promise<Response> {
  const deps = c.get('deps');
  const principal = c.get('principal');
  const status = opts.status ?? 200;
  const page = (
    <PortalLayout
      tr={c.get('tr')}
      config={deps.config}
      title={title}
      basePath={c.get('basePath')}
      languages={deps.i18n.languages}
      principal={principal}
      csrfToken={c.get('csrfToken')}
      demo={deps.config.demoData}
      scripts={opts.scripts ?? []}
      unread={principal && can(principal, 'cases.exchange') ? await unreadOf(c, status) : undefined}
    >
      {body}
    </PortalLayout>
  );
  c.header('Cache-Control', 'no-store');
  return htmlDocument(c, await page, status);
}

/**
 * The header's count of unread notifications. It must never turn a page into an error: a page already answering a
 * server error (the database may be what failed) does not ask, and a count that fails is left out.
 */
async function unreadOf(c: Context<AppEnv>, status: number): Promise<number | undefined> {
  const principal = c.get('principal');
  if (!principal || status >= 500) return undefined;
  try {
    return await countOwnUnread(c.get('deps').db, principal);
  } catch {
    return undefined;
  }
}
