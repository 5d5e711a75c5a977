/** `GET /api/v1/me`: who the API key belongs to (user, agency, roles), for clients to check their credentials. */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.ts';
import { getAgency } from '../../storage/repositories/accounts.ts';
import type { AppEnv } from '../context.ts';
import { authenticateApiKey } from './auth.ts';
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

export function registerMeRoute(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.use('/v1/me', authenticateApiKey);
  app.openapi(meRoute, async (c) => {
    const p = c.get('principal');
    if (!p) throw new AppError('unauthenticated', 'An API key is required.');
    const agency = await getAgency(c.get('deps').store.db, p.agencyId);
    if (!agency) throw new AppError('unauthenticated', 'The API key is not valid.');
    return c.json(
      {
        user: { id: p.userId, email: p.email, name: p.name },
        agency: { id: agency.id, code: agency.code, name: agency.name, country: agency.country, isOffice: agency.isOffice },
        roles: p.roles,
        readOnly: p.readOnly,
      },
      200,
    );
  });
}
