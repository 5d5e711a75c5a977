/**
 * The public JSON API, mounted at `/api`: notice search and detail and person matching under `/v1`, described by the
 * OpenAPI document at `/api/openapi.json` and readable at `/api/docs`. Public notice data needs no API key.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, notFound } from '../../core/errors.ts';
import { slugToReference } from '../../core/notices.ts';
import { matchPerson } from '../../services/notices/match-person.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import { getNoticeByReference } from '../../storage/repositories/notices.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { renderApiDocs } from './docs.tsx';
import { registerMeRoute } from './me.ts';
import {
  ErrorSchema,
  MatchRequestSchema,
  MatchResponseSchema,
  NoticeListQuery,
  NoticeListSchema,
  NoticeSchema,
  ReferenceParam,
  toApiMatch,
  toApiNotice,
} from './schemas.ts';

export const MAX_BODY_BYTES = 64 * 1024;

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

const detailRoute = createRoute({
  method: 'get',
  path: '/v1/notices/{id}',
  tags: ['Notices'],
  summary: 'One published notice',
  request: { params: ReferenceParam },
  responses: {
    200: { description: 'The notice', content: { 'application/json': { schema: NoticeSchema } } },
    404: errorResponse('No published notice has this reference'),
    ...commonErrors,
  },
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

function documentFor(app: OpenAPIHono<AppEnv>, c: Context<AppEnv>) {
  const { config } = c.get('deps');
  return app.getOpenAPIDocument({
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

export function apiRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      throw new AppError(
        'validation_failed',
        'Some of the values sent are not valid.',
        result.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })),
      );
    },
  });

  // One budget for all of this API per client; middleware is bound to these paths only, so routes mounted by others
  // under /api keep their own.
  const limit = rateLimit({ name: 'api', ratePerSecond: 10, burst: 60 });
  // `/v1/notices/*` covers `/v1/notices` too; listing both would charge a request twice.
  for (const path of ['/v1/notices/*', '/v1/match', '/openapi.json', '/docs']) app.use(path, limit);
  app.use(
    '/v1/match',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
  );
  app.use('/v1/match', async (c, next) => {
    if (c.req.method === 'POST' && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', 'Send the person as a JSON body (Content-Type: application/json).');
    }
    await next();
  });

  app.openapi(listRoute, async (c) => {
    const deps = c.get('deps');
    const q = c.req.valid('query');
    const result = await searchNotices(deps.store.db, q, new Date(), deps.noticeIndex);
    const base = deps.config.publicUrl;
    const pages = Math.max(1, Math.ceil(result.total / q.perPage));
    return c.json(
      {
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
      },
      200,
    );
  });

  app.openapi(detailRoute, async (c) => {
    const deps = c.get('deps');
    const reference = slugToReference(c.req.valid('param').id);
    const n = reference ? await getNoticeByReference(deps.store.db, reference) : undefined;
    if (!n || n.status !== 'published') throw notFound('notice');
    return c.json(toApiNotice(deps.config.publicUrl, n), 200);
  });

  app.openapi(matchRoute, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const nationalities = [...new Set([...(body.nationality ? [body.nationality] : []), ...(body.nationalities ?? [])])];
    const candidates = await matchPerson(
      deps.store.db,
      deps.noticeIndex,
      { names: body.names, dateOfBirth: body.dateOfBirth, nationalities, sex: body.sex },
      { limit: body.limit, kind: body.kind },
    );
    return c.json(
      { candidates: candidates.map((m) => ({ ...toApiMatch(m), notice: toApiNotice(deps.config.publicUrl, m.notice) })) },
      200,
    );
  });

  registerMeRoute(app);
  app.get('/openapi.json', (c) => c.json(documentFor(app, c)));
  app.get('/docs', (c) => renderApiDocs(c, documentFor(app, c)));
  return app;
}
