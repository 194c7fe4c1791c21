/**
 * @module serve/app
 * The API app: request ids and auditing, bearer authentication, every route (defined with
 * `@hono/zod-openapi`, so the same definitions validate requests and generate the OpenAPI 3.1
 * document at `/api/openapi.json`), the rendered reference at `/api/docs`, the dashboard at `/`,
 * and problem+json for every error. Nothing here writes data: there are no write routes.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { ArtifactReader } from './artifacts.js'
import { authenticate } from './auth.js'
import { classify, outcomeOf, problem } from './http-errors.js'
import { renderReference, type OpenApiDocument } from './reference-page.js'
import { readContext, requestContext } from './request-context.js'
import { securityHeaders } from './response-headers.js'
import type { Api } from './routes/api-app.js'
import { registerCatalogRoutes } from './routes/catalog-routes.js'
import { registerF1Routes } from './routes/f1-routes.js'
import { registerMetaRoutes } from './routes/meta-routes.js'
import { registerSessionRoutes } from './routes/session-routes.js'
import { registerSqlRoutes } from './routes/sql-routes.js'
import { registerTelemetryRoutes } from './routes/telemetry-routes.js'
import { registerWarehouseRoutes } from './routes/warehouse-routes.js'
import type { ServeEnv, ServeOptions } from './serve-options.js'
import { staticFiles } from './static-files.js'
import { TableMetadata } from './table-metadata.js'

const DESCRIPTION =
  'Read-only API over the pitwall lakehouse. Authenticate with `Authorization: Bearer <token>` (`pitwall tokens create`). Every read is checked against Unity-Catalog-style grants and written to the audit log. Errors are application/problem+json with a stable `code`.'

/** Builds the API. */
export function createApi(options: ServeOptions): Api {
  const app: Api = new OpenAPIHono<ServeEnv>({
    // Request validation failures become problem+json listing each field.
    defaultHook: (result, c) => {
      if (result.success) return undefined
      const errors = result.error.issues.map((i) => ({
        path: [result.target, ...i.path.map(String)].join('.'),
        message: i.message,
      }))
      options.reader.record(readContext(c, 'api.request'), {
        principal: c.get('identity')?.name ?? null,
        outcome: 'refused',
        reason: errors
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')
          .slice(0, 500),
      })
      return problem(c, 'invalid-request', 'the request is not valid', errors)
    },
  })
  const tables = new TableMetadata(
    options.storage,
    options.environments.map((e) => e.catalog),
  )
  const artifacts = new ArtifactReader(options.artifactsDir, options.logger)

  app.use('*', securityHeaders())
  app.use('*', requestContext(options))
  app.use('/api/*', authenticate(options))
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `pitwall tokens create --principal <name>`',
  })
  registerMetaRoutes(app, options)
  registerCatalogRoutes(app, options, tables, artifacts)
  registerF1Routes(app, options)
  registerSessionRoutes(app, options)
  registerTelemetryRoutes(app, options)
  registerWarehouseRoutes(app, options, artifacts, tables)
  registerSqlRoutes(app, options)

  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'pitwall API', version: options.version, description: DESCRIPTION },
      tags: [
        { name: 'meta' },
        {
          name: 'catalog',
          description: 'catalogs, schemas, tables, history, time travel, exports',
        },
        { name: 'f1', description: 'seasons, meetings, sessions, drivers, teams' },
        { name: 'sessions', description: 'what a session holds' },
        { name: 'warehouse', description: 'lineage, data tests, pipeline runs, freshness' },
        { name: 'sql', description: 'the SQL endpoint' },
      ],
    })
  let cached: ReturnType<typeof document> | undefined
  app.get('/api/openapi.json', (c) => c.json((cached ??= document())))
  app.get('/api/docs', (c) =>
    c.html(renderReference((cached ??= document()) as unknown as OpenApiDocument)),
  )

  app.use('*', staticFiles(options.webRoot))
  app.notFound((c) =>
    problem(c, 'not-found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`),
  )
  app.onError((error, c) => {
    const { code, detail, errors } = classify(error)
    if (code === 'internal') {
      options.logger?.error(`request ${c.get('requestId')} failed`, {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
    }
    if (!c.get('audited') && c.req.path.startsWith('/api/')) {
      options.reader.record(readContext(c, 'api.request'), {
        principal: c.get('identity')?.name ?? null,
        outcome: outcomeOf(code),
        reason: detail,
      })
    }
    return problem(c, code, detail, errors)
  })
  return app
}
