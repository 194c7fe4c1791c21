/**
 * @module serve/routes/table-data-routes
 * A table's data: a page of its rows at its latest version or any earlier one (time travel), and
 * the whole table (or a version) as a streamed CSV or Parquet file. Both read through the
 * governed reader with the table declared, so grants, limits and the audit apply.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { csvResponse } from '../exports.js'
import { parquetExport } from '../parquet-export.js'
import { readContext } from '../request-context.js'
import { FILE_RESPONSE, PROBLEM_RESPONSES, pageQuery } from '../schemas/common-schemas.js'
import { TableRowsSchema } from '../schemas/catalog-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { BEARER, ok, send, type Api } from './api-app.js'
import type { CatalogLookup } from './catalog-lookup.js'
import { tablePath, version } from './catalog-params.js'

/** Registers the rows and export routes of a table. */
export function registerTableDataRoutes(
  app: Api,
  options: ServeOptions,
  lookup: CatalogLookup,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows',
      tags: ['catalog'],
      summary: "A page of a table's rows, at its latest version or any earlier one (time travel)",
      security: BEARER,
      request: { params: tablePath, query: pageQuery(100).extend({ version }) },
      responses: ok(TableRowsSchema, 'rows'),
    }),
    async (c) => {
      const name = c.req.valid('param')
      const q = c.req.valid('query')
      const t = await lookup.governedTable(c, name, 'api.read')
      const scan = await lookup.versionScan(t, q.version)
      const result = await options.reader.read(
        c.get('identity'),
        {
          sql: `SELECT * FROM ${scan.sql} AS t LIMIT ${q.limit + 1} OFFSET ${q.offset}`,
          tables: [name],
        },
        readContext(c, 'api.read'),
        { maxRows: q.limit + 1, timeoutMs: options.limits.timeoutMs },
      )
      let rows
      try {
        rows = await result.all()
      } finally {
        await result.close()
      }
      return send(c, 'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows', {
        full_name: `${name.catalog}.${name.schema}.${name.table}`,
        version: scan.version,
        columns: [...result.columns],
        rows: rows.slice(0, q.limit),
        limit: q.limit,
        offset: q.offset,
        next_offset: rows.length > q.limit ? q.offset + q.limit : null,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables/{table}/export',
      tags: ['catalog'],
      summary: 'The whole table (or a version of it) as a streamed CSV or Parquet file',
      security: BEARER,
      request: {
        params: tablePath,
        query: z.object({ format: z.enum(['csv', 'parquet']).default('csv'), version }),
      },
      responses: { 200: FILE_RESPONSE, ...PROBLEM_RESPONSES },
    }),
    async (c) => {
      const name = c.req.valid('param')
      const q = c.req.valid('query')
      const t = await lookup.governedTable(c, name, 'api.export')
      const scan = await lookup.versionScan(t, q.version)
      const file = `${name.catalog}.${name.schema}.${name.table}${q.version === undefined ? '' : `.v${scan.version}`}`
      const select = `SELECT * FROM ${scan.sql} AS t`
      if (q.format === 'csv') {
        const result = await options.reader.read(
          c.get('identity'),
          { sql: select, tables: [name] },
          readContext(c, 'api.export'),
          { maxRows: options.limits.exportMaxRows, timeoutMs: options.limits.exportTimeoutMs },
        )
        return csvResponse(result, `${file}.csv`) as never
      }
      return parquetExport(c, options, { sql: select, tables: [name] }, `${file}.parquet`) as never
    },
  )
}
