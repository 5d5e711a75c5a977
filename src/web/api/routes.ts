/**
 * The public JSON API, mounted at `/api`: notice search and detail and person matching under `/v1`, described by the
 * OpenAPI document at `/api/openapi.json` and readable at `/api/docs`. Public notice data needs no API key.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../../config/config.ts';
import { matchPerson } from '../../services/notices/match-person.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import { checkHealth } from '../../services/site/check-health.ts';
import { UNAVAILABLE_RETRY_AFTER_S } from '../errors.tsx';
import { MAX_BODY_BYTES } from '../pipeline/body.ts';
import type { Routes } from '../pipeline/routes.ts';
import { registerCaseApi } from './cases.ts';
import { renderApiDocs } from './docs.tsx';
import { registerMeRoute } from './me.ts';
import { registerNoticeRequestApi } from './notice-requests.ts';
import {
  ErrorSchema,
  MatchRequestSchema,
  MatchResponseSchema,
  NoticeListQuery,
  NoticeListSchema,
  toApiMatch,
  toApiNotice,
} from './schemas.ts';


const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const commonErrors = {
  400: errorResponse('A parameter or the body is not valid; `issues` lists each field'),
  429: errorResponse('Too many requests; see the Retry-After header'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/v1/notices',
  tags: ['Notices'],
  summary: 'Search published notices',
  description:
    'Filters combine. Family name, forename and free text match names across spellings and scripts (Shevchenko, Шевченко and Schewtschenko find the same person); those results carry a `match` explaining why. Free text also finds words in places and charges. Pagination reaches every result.',
  request: { query: NoticeListQuery },
  responses: { 200: { description: 'One page of results', content: { 'application/json': { schema: NoticeListSchema } } }, ...commonErrors },
});

const matchRoute = createRoute({
  method: 'post',
  path: '/v1/match',
  tags: ['Matching'],
  summary: 'Screen a person against the published notices',
  description:
    'Returns the closest published notices, best first, each with a score, whether it reaches the match threshold, and the reasons. Near misses are included (`match: false`) so a screener can judge them.',
  request: { body: { required: true, content: { 'application/json': { schema: MatchRequestSchema } } } },
  responses: {
    200: { description: 'Candidates, best first', content: { 'application/json': { schema: MatchResponseSchema } } },
    413: errorResponse(`The body is larger than ${MAX_BODY_BYTES / 1024} KB`),
    415: errorResponse('The body is not JSON'),
    ...commonErrors,
  },
});

function documentFor(registry: OpenAPIHono, config: Config) {
  return registry.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: `${config.site.name} API`,
      version: '1.0.0',
      description:
        'Public notices of wanted and missing persons, with name matching across spellings and scripts. A compatibility API for clients of the international public notices service is served under /notices/v1 (red = wanted, yellow = missing).',
    },
    servers: [{ url: `${config.publicUrl}/api` }],
  });
}

function pageLink(base: string, query: Record<string, string | number | undefined>, page: number): { href: string } {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'page') params.set(k, String(v));
  params.set('page', String(page));
  return { href: `${base}/api/v1/notices?${params.toString()}` };
}

export function registerApiRoutes(routes: Routes): void {
  const docs = new OpenAPIHono();
  for (const route of [listRoute, matchRoute]) docs.openAPIRegistry.registerPath(route);

  routes.probe('/healthz', {
    authorise: 'public',
    run: ({ db }) => checkHealth(db),
    render: (c, health) => {
      // Each check must reach this instance: no shared cache may answer for it.
      c.header('Cache-Control', 'no-store');
      if (health === 'ok') return c.json({ status: 'ok' });
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
      return health === 'draining' ? c.json({ status: 'draining' }, 503) : c.json({ status: 'unavailable', reason: 'database unreachable' }, 503);
    },
  });

  routes.apiRead('/api/v1/notices', {
    authorise: 'public',
    input: { query: NoticeListQuery },
    run: ({ db, deps, input }) => searchNotices(db, input.query, new Date(), deps.noticeIndex),
    render: (c, result, { query: q }) => {
      const base = c.get('deps').config.publicUrl;
      const pages = Math.max(1, Math.ceil(result.total / q.perPage));
      return c.json({
        total: result.total,
        page: q.page,
        perPage: q.perPage,
        pages,
        results: result.notices.map((n) => {
          const m = result.matches.get(n.id);
          return { notice: toApiNotice(base, n), match: m ? toApiMatch(m) : null };
        }),
        links: {
          self: pageLink(base, q, q.page),
          first: pageLink(base, q, 1),
          last: pageLink(base, q, pages),
          ...(q.page < pages ? { next: pageLink(base, q, q.page + 1) } : {}),
          ...(q.page > 1 ? { previous: pageLink(base, q, Math.min(q.page - 1, pages)) } : {}),
        },
      });
    },
  });

  // Screening is a question with a body, not a write: nothing is stored, so no key is needed.
  routes.apiRead('/api/v1/match', {
    method: 'POST',
    authorise: 'public',
    input: { body: MatchRequestSchema },
    run: ({ db, deps, input: { body } }) => {
      const nationalities = [...new Set([...(body.nationality ? [body.nationality] : []), ...(body.nationalities ?? [])])];
      return matchPerson(db, deps.noticeIndex, { names: body.names, dateOfBirth: body.dateOfBirth, nationalities, sex: body.sex }, { limit: body.limit, kind: body.kind });
    },
    render: (c, candidates) => {
      const base = c.get('deps').config.publicUrl;
      return c.json({ candidates: candidates.map((m) => ({ ...toApiMatch(m), notice: toApiNotice(base, m.notice) })) });
    },
  });

  // The detail of a notice by reference lives there too: one path answers a reference or a request id.
  registerNoticeRequestApi(routes, docs.openAPIRegistry);
  registerCaseApi(routes, docs.openAPIRegistry);
  registerMeRoute(routes, docs.openAPIRegistry);
  routes.apiRead('/api/openapi.json', { authorise: 'public', run: async () => undefined, render: (c) => c.json(documentFor(docs, c.get('deps').config)) });
  routes.apiRead('/api/docs', { authorise: 'public', run: async () => undefined, render: (c) => renderApiDocs(c, documentFor(docs, c.get('deps').config)) });
}
