/**
 * @module serve/routes/catalog-routes
 * The catalog browser: catalogs → schemas → tables → columns and a table's Delta history (its
 * rows and exports are `table-data-routes.ts`). Catalogs and schemas show when the principal
 * has USE CATALOG / USE SCHEMA; tables when it may read them (SELECT).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { CATALOG_SCHEMAS, type RegisteredTable } from '../../catalog/index.js'
import type { SchemaInfo } from '../api-types.js'
import type { ArtifactReader } from '../artifacts.js'
import { ApiError } from '../http-errors.js'
import { onePage } from '../reads.js'
import { page, pageQuery } from '../schemas/common-schemas.js'
import {
  CatalogInfoSchema,
  ColumnDetailSchema,
  SchemaInfoSchema,
  TableDetailSchema,
  TableSummarySchema,
  TableVersionSchema,
} from '../schemas/catalog-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import type { TableMetadata } from '../table-metadata.js'
import { BEARER, ok, send, type Api } from './api-app.js'
import { catalogLookup } from './catalog-lookup.js'
import { catalogParam, schemaParam, tablePath } from './catalog-params.js'
import { registerTableDataRoutes } from './table-data-routes.js'

const LAYERS = {
  bronze_raw: 'bronze',
  silver_clean: 'silver',
  gold_analytics: 'gold',
  system: 'system',
} as const

/** Registers the catalog browser routes. */
export function registerCatalogRoutes(
  app: Api,
  options: ServeOptions,
  tables: TableMetadata,
  artifacts: ArtifactReader,
): void {
  const access = options.reader.access
  const lookup = catalogLookup(options, tables, artifacts)
  const { readable, metadataRead, governedTable, descriptions, summaryOf, columnsOf } = lookup

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs',
      tags: ['catalog'],
      summary: 'Catalogs (environments) the principal may use',
      security: BEARER,
      responses: ok(page(CatalogInfoSchema, 'CatalogPage'), 'catalogs'),
    }),
    async (c) => {
      const started = performance.now()
      const items = []
      for (const env of options.environments) {
        if (!(await access.canUse(c.get('identity'), { catalog: env.catalog }))) continue
        items.push({
          name: env.catalog,
          target: env.target,
          is_default: env.catalog === options.defaultCatalog,
        })
      }
      metadataRead(c, started, [])
      return send(c, 'GET /api/catalogs', onePage(items))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas',
      tags: ['catalog'],
      summary: 'Schemas of a catalog the principal may use',
      security: BEARER,
      request: { params: z.object({ catalog: catalogParam }) },
      responses: ok(page(SchemaInfoSchema, 'SchemaPage'), 'schemas'),
    }),
    async (c) => {
      const started = performance.now()
      const { catalog } = c.req.valid('param')
      const identity = c.get('identity')
      if (!access.catalogs.includes(catalog) || !(await access.canUse(identity, { catalog }))) {
        throw new ApiError('not-found', `no catalog ${catalog}`)
      }
      const items: SchemaInfo[] = []
      for (const schema of CATALOG_SCHEMAS) {
        if (!(await access.canUse(identity, { catalog, schema }))) continue
        let count = 0
        for (const t of tables.list(catalog, schema)) if (await readable(identity, t)) count++
        items.push({ catalog, name: schema, layer: LAYERS[schema], tables: count })
      }
      metadataRead(c, started, [])
      return send(c, 'GET /api/catalogs/{catalog}/schemas', onePage(items))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables',
      tags: ['catalog'],
      summary: 'Tables of a schema the principal may read',
      security: BEARER,
      request: {
        params: z.object({ catalog: catalogParam, schema: schemaParam }),
        query: pageQuery(100),
      },
      responses: ok(page(TableSummarySchema, 'TablePage'), 'tables'),
    }),
    async (c) => {
      const started = performance.now()
      const { catalog, schema } = c.req.valid('param')
      const q = c.req.valid('query')
      const identity = c.get('identity')
      if (
        !(await access.canUse(identity, { catalog, schema })) ||
        !access.catalogs.includes(catalog)
      ) {
        throw new ApiError('not-found', `no schema ${catalog}.${schema}`)
      }
      const docs = await descriptions()
      const visible: RegisteredTable[] = []
      for (const t of tables.list(catalog, schema)) if (await readable(identity, t)) visible.push(t)
      const slice = visible.slice(q.offset, q.offset + q.limit)
      const items = await Promise.all(slice.map((t) => summaryOf(t, docs)))
      metadataRead(
        c,
        started,
        items.map((t) => t.full_name),
      )
      return send(c, 'GET /api/catalogs/{catalog}/schemas/{schema}/tables', {
        items,
        limit: q.limit,
        offset: q.offset,
        next_offset: q.offset + q.limit < visible.length ? q.offset + q.limit : null,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables/{table}',
      tags: ['catalog'],
      summary: 'One table: columns, properties, version, size',
      security: BEARER,
      request: { params: tablePath },
      responses: ok(TableDetailSchema, 'the table'),
    }),
    async (c) => {
      const name = c.req.valid('param')
      const t = await governedTable(c, name)
      const docs = await descriptions()
      const summary = await summaryOf(t, docs)
      const { snapshot } = await tables.facts(t)
      const doc = docs.get(summary.full_name)
      return send(c, 'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}', {
        ...summary,
        columns: columnsOf(snapshot, doc),
        partition_columns: [...snapshot.partitionColumns],
        properties: { ...snapshot.configuration },
        min_reader_version: snapshot.protocol.minReaderVersion,
        min_writer_version: snapshot.protocol.minWriterVersion,
        model: doc?.id ?? null,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables/{table}/columns',
      tags: ['catalog'],
      summary: "A table's columns with their types and descriptions",
      security: BEARER,
      request: { params: tablePath },
      responses: ok(page(ColumnDetailSchema, 'ColumnPage'), 'columns'),
    }),
    async (c) => {
      const name = c.req.valid('param')
      const t = await governedTable(c, name)
      const doc = (await descriptions()).get(`${name.catalog}.${name.schema}.${name.table}`)
      const { snapshot } = await tables.facts(t)
      const items = columnsOf(snapshot, doc)
      return send(
        c,
        'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/columns',
        onePage(items),
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogs/{catalog}/schemas/{schema}/tables/{table}/history',
      tags: ['catalog'],
      summary: "A table's Delta history, newest first",
      security: BEARER,
      request: { params: tablePath, query: pageQuery(100) },
      responses: ok(page(TableVersionSchema, 'TableVersionPage'), 'commits'),
    }),
    async (c) => {
      const name = c.req.valid('param')
      const q = c.req.valid('query')
      const t = await governedTable(c, name)
      const entries = await tables.history(t, q.offset + q.limit + 1)
      const items = entries.slice(q.offset, q.offset + q.limit).map((e) => {
        const info = e.commitInfo as Record<string, unknown>
        const obj = (v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? (v as Record<string, never>)
            : {}
        return {
          version: e.version,
          timestamp: Number.isFinite(e.timestamp) ? new Date(e.timestamp).toISOString() : null,
          operation: e.operation ?? null,
          operation_parameters: obj(info['operationParameters']),
          operation_metrics: obj(info['operationMetrics']),
          engine_info: typeof info['engineInfo'] === 'string' ? info['engineInfo'] : null,
        }
      })
      return send(c, 'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/history', {
        items,
        limit: q.limit,
        offset: q.offset,
        next_offset: entries.length > q.offset + q.limit ? q.offset + q.limit : null,
      })
    },
  )

  registerTableDataRoutes(app, options, lookup)
}
