/** `GET /api/v1/me`: who the API key belongs to (user, agency, roles), for clients to check their credentials. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.ts';
import { findAgency } from '../../services/accounts/find-agency.ts';
import type { Routes } from '../pipeline/routes.ts';
import { ErrorSchema } from './schemas.ts';

const MeSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    agency: z.object({ id: z.string(), code: z.string(), name: z.string(), country: z.string(), isOffice: z.boolean() }),
    roles: z.array(z.string()),
    readOnly: z.boolean(),
  })
  .openapi('Me');

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['Account'],
  summary: 'The caller: user, agency and roles of the API key',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The key owner', content: { 'application/json': { schema: MeSchema } } },
    401: { description: 'No valid API key', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function registerMeRoute(routes: Routes, registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerPath(meRoute);
  routes.apiRead('/api/v1/me', {
    auth: 'api-key',
    authorise: 'signed-in',
    run: async ({ db, principal }) => {
      const agency = principal ? await findAgency(db, principal.agencyId) : undefined;
      if (!principal || !agency) throw new AppError('unauthenticated', 'error.detail.api_key_invalid');
      return { principal, agency };
    },
    render: (c, { principal: p, agency }) =>
      c.json({
        user: { id: p.userId, email: p.email, name: p.name },
        agency: { id: agency.id, code: agency.code, name: agency.name, country: agency.country, isOffice: agency.isOffice },
        roles: p.roles,
        readOnly: p.readOnly,
      }),
  });
}
