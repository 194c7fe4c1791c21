/**
 * @module serve/routes/meta-routes
 * `GET /api/health` (no token; says nothing about the data) and `GET /api/me` (who the token acts
 * as, its groups and the catalogs it may use).
 */
import { createRoute } from '@hono/zod-openapi'
import { readContext } from '../request-context.js'
import { HealthSchema, MeSchema, PROBLEM_RESPONSES } from '../schemas/common-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { BEARER, send, type Api } from './api-app.js'

/** Registers the health and identity routes. */
export function registerMetaRoutes(app: Api, options: ServeOptions): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['meta'],
      summary: 'Liveness (no token needed)',
      responses: {
        200: { description: 'up', content: { 'application/json': { schema: HealthSchema } } },
      },
    }),
    (c) =>
      send(c, 'GET /api/health', {
        status: 'ok',
        version: options.version,
        time: new Date().toISOString(),
      }),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['meta'],
      summary: 'Who the token acts as',
      security: BEARER,
      responses: {
        200: {
          description: 'the principal',
          content: { 'application/json': { schema: MeSchema } },
        },
        ...PROBLEM_RESPONSES,
      },
    }),
    async (c) => {
      const identity = c.get('identity')
      const catalogs: string[] = []
      for (const env of options.environments) {
        if (await options.reader.access.canUse(identity, { catalog: env.catalog })) {
          catalogs.push(env.catalog)
        }
      }
      options.reader.record(readContext(c, 'api.metadata'), {
        principal: identity.name,
        outcome: 'ok',
      })
      return send(c, 'GET /api/me', {
        principal: identity.name,
        kind: identity.kind,
        groups: identity.grantees.slice(1),
        catalogs,
        default_catalog: options.defaultCatalog,
      })
    },
  )
}
