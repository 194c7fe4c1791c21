/**
 * @module serve/routes/sql-routes
 * The SQL endpoint: `POST /api/sql {"sql": "…"}` runs exactly one read-only SELECT through the
 * governed reader (DuckDB's parse decides what it reads; grants on every table; sandboxed
 * engine; row cap; time limit that interrupts it; audited with its plan). `POST /api/sql/export`
 * streams the same as CSV or Parquet.
 */
import { createRoute } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../http-errors.js'
import { csvResponse } from '../exports.js'
import { parquetExport } from '../parquet-export.js'
import { readContext } from '../request-context.js'
import { FILE_RESPONSE, PROBLEM_RESPONSES, ProblemSchema } from '../schemas/common-schemas.js'
import {
  SqlExportRequestSchema,
  SqlRequestSchema,
  SqlResultSchema,
} from '../schemas/sql-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { BEARER, send, type Api } from './api-app.js'

const PROBLEMS = {
  ...PROBLEM_RESPONSES,
  413: {
    description: 'body too large',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
}

/** Registers the SQL endpoint. */
export function registerSqlRoutes(app: Api, options: ServeOptions): void {
  const limit = bodyLimit({
    maxSize: options.limits.maxBodyBytes,
    onError: () => {
      throw new ApiError(
        'payload-too-large',
        `the request body is larger than ${options.limits.maxBodyBytes} bytes`,
      )
    },
  })
  app.use('/api/sql', limit)
  app.use('/api/sql/export', limit)

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sql',
      tags: ['sql'],
      summary: 'Run one read-only SELECT with the grants of the token',
      description:
        'Exactly one SELECT over tables named catalog.schema.table (two-part names resolve in the default catalog). No table functions, no SHOW, no DDL/DML. Rows are capped (truncated: true) and the query is cancelled at the time limit. Every call is audited with its plan.',
      security: BEARER,
      request: {
        body: { required: true, content: { 'application/json': { schema: SqlRequestSchema } } },
      },
      responses: {
        200: {
          description: 'the rows',
          content: { 'application/json': { schema: SqlResultSchema } },
        },
        ...PROBLEMS,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const started = performance.now()
      const maxRows = Math.min(body.limit ?? options.limits.maxRows, options.limits.maxRows)
      const result = await options.reader.sql(
        c.get('identity'),
        body.sql,
        readContext(c, 'sql.query'),
        { maxRows, timeoutMs: options.limits.timeoutMs },
      )
      let rows
      try {
        rows = await result.all()
      } finally {
        await result.close()
      }
      return send(c, 'POST /api/sql', {
        request_id: c.get('requestId'),
        columns: [...result.columns],
        rows,
        row_count: rows.length,
        truncated: result.truncated,
        limit: maxRows,
        tables: result.tables.map((t) => `${t.catalog}.${t.schema}.${t.table}`),
        elapsed_ms: Math.round((performance.now() - started) * 10) / 10,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sql/export',
      tags: ['sql'],
      summary: 'Run one read-only SELECT and stream its rows as CSV or Parquet',
      security: BEARER,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: SqlExportRequestSchema } },
        },
      },
      responses: { 200: FILE_RESPONSE, ...PROBLEMS },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const name = `query-${c.get('requestId').slice(0, 8)}`
      const maxRows = Math.min(
        body.limit ?? options.limits.exportMaxRows,
        options.limits.exportMaxRows,
      )
      if (body.format === 'parquet') {
        return parquetExport(c, options, { userSql: body.sql }, `${name}.parquet`) as never
      }
      const result = await options.reader.sql(
        c.get('identity'),
        body.sql,
        readContext(c, 'sql.export'),
        { maxRows, timeoutMs: options.limits.exportTimeoutMs },
      )
      return csvResponse(result, `${name}.csv`) as never
    },
  )
}
