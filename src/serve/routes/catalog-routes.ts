/**
 * @module serve/routes/catalog-routes
 * The catalog browser: catalogs → schemas → tables → columns, a table's Delta history, its rows
 * at any version (time travel), and streamed CSV/Parquet exports. Catalogs and schemas show when
 * the principal has USE CATALOG / USE SCHEMA; tables when it may read them (SELECT).
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import {
  CATALOG_SCHEMAS,
  type Identity,
  type ReadTable,
  type RegisteredTable,
} from '../../catalog/index.js'
import { scanSql } from '../../lake/index.js'
import type { SchemaInfo, TableSummary } from '../api-types.js'
import { ApiError } from '../http-errors.js'
import { attachment, csvStream } from '../exports.js'
import { sqlTable } from '../reads.js'
import { parquetExport } from '../parquet-export.js'
import { readContext } from '../request-context.js'
import { PROBLEM_RESPONSES, identifier, page, pageQuery } from '../schemas/common-schemas.js'
import {
  CatalogInfoSchema,
  ColumnDetailSchema,
  SchemaInfoSchema,
  TableDetailSchema,
  TableRowsSchema,
  TableSummarySchema,
  TableVersionSchema,
} from '../schemas/catalog-schemas.js'
import type { ServeEnv, ServeOptions } from '../serve-options.js'
import { typeName, type TableMetadata } from '../table-metadata.js'
import type { ArtifactReader } from '../artifacts.js'
import { relationKey } from '../artifacts.js'
import { BEARER, send, type Api } from './api-app.js'

const catalogParam = identifier.openapi({
  param: { name: 'catalog', in: 'path' },
  example: 'dev_f1_data_analytics',
})
const schemaParam = identifier.openapi({
  param: { name: 'schema', in: 'path' },
  example: 'gold_analytics',
})
const tableParam = identifier.openapi({
  param: { name: 'table', in: 'path' },
  example: 'session_leaderboard',
})
const tablePath = z.object({ catalog: catalogParam, schema: schemaParam, table: tableParam })
const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional()
const ok = (schema: z.ZodType, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...PROBLEM_RESPONSES,
})
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
  const readable = async (identity: Identity, t: RegisteredTable) =>
    (await access.canRead(identity, [t.name])).allowed
  const metadataRead = (c: Context<ServeEnv>, started: number, objects: readonly string[]) =>
    options.reader.record(readContext(c, 'api.metadata'), {
      principal: c.get('identity').name,
      outcome: 'ok',
      objects,
      started,
    })
  /** The table, after checking the principal may read it (404 when it does not exist). */
  const governedTable = async (c: Context<ServeEnv>, name: ReadTable, action = 'api.metadata') => {
    const found = tables.find(name)
    if (found === undefined) {
      options.reader.record(readContext(c, action), {
        principal: c.get('identity').name,
        outcome: 'refused',
        reason: 'no such table',
        objects: [`${name.catalog}.${name.schema}.${name.table}`],
      })
      throw new ApiError('not-found', `no table ${name.catalog}.${name.schema}.${name.table}`)
    }
    await options.reader.authorize(c.get('identity'), [name], readContext(c, action))
    return found
  }
  const descriptions = async () => {
    const manifest = await artifacts.read('manifest')
    const out = new Map<string, { id: string; description: string; columns: Map<string, string> }>()
    for (const n of [
      ...Object.values(manifest?.nodes ?? {}),
      ...Object.values(manifest?.sources ?? {}),
    ]) {
      const key = relationKey(n.relation_name)
      if (key === undefined) continue
      out.set(key, {
        id: n.unique_id,
        description: n.description,
        columns: new Map(Object.values(n.columns).map((col) => [col.name, col.description])),
      })
    }
    return out
  }
  const summaryOf = async (
    t: RegisteredTable,
    docs: Awaited<ReturnType<typeof descriptions>>,
  ): Promise<TableSummary> => {
    const facts = await tables.facts(t)
    const full = `${t.name.catalog}.${t.name.schema}.${t.name.table}`
    const description = docs.get(full)?.description
    return {
      catalog: t.name.catalog,
      schema: t.name.schema,
      name: t.name.table,
      full_name: full,
      version: facts.version,
      num_rows: facts.numRows,
      num_files: facts.numFiles,
      size_bytes: facts.sizeBytes,
      last_modified: facts.lastModified,
      description: description === undefined || description === '' ? null : description,
    }
  }

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
      return send(c, 'GET /api/catalogs', {
        items,
        limit: Math.max(1, items.length),
        offset: 0,
        next_offset: null,
      })
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
      return send(c, 'GET /api/catalogs/{catalog}/schemas', {
        items,
        limit: Math.max(1, items.length),
        offset: 0,
        next_offset: null,
      })
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
        columns: snapshot.schema.fields.map((f) => ({
          name: f.name,
          type: typeName(f.type),
          nullable: f.nullable,
          description: doc?.columns.get(f.name) || null,
        })),
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
      const items = snapshot.schema.fields.map((f) => ({
        name: f.name,
        type: typeName(f.type),
        nullable: f.nullable,
        description: doc?.columns.get(f.name) || null,
      }))
      return send(c, 'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/columns', {
        items,
        limit: Math.max(1, items.length),
        offset: 0,
        next_offset: null,
      })
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

  /** SQL reading the table at `version` (latest when absent), and the version read. */
  const versionScan = async (t: RegisteredTable, v: number | undefined) => {
    if (v === undefined) {
      const facts = await tables.facts(t)
      return { sql: sqlTable(t.name), version: facts.version }
    }
    const latest = (await tables.facts(t)).version
    if (v > latest)
      throw new ApiError('not-found', `version ${v} does not exist (latest is ${latest})`)
    let snapshot
    try {
      snapshot = await tables.at(t, v)
    } catch {
      throw new ApiError('not-found', `version ${v} can no longer be read (its log was cleaned up)`)
    }
    return { sql: `(${await scanSql(snapshot, { sql: options.storage.engine })})`, version: v }
  }

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
      const t = await governedTable(c, name, 'api.read')
      const scan = await versionScan(t, q.version)
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
      responses: {
        200: {
          description: 'the file',
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...PROBLEM_RESPONSES,
      },
    }),
    async (c) => {
      const name = c.req.valid('param')
      const q = c.req.valid('query')
      const t = await governedTable(c, name, 'api.export')
      const scan = await versionScan(t, q.version)
      const file = `${name.catalog}.${name.schema}.${name.table}${q.version === undefined ? '' : `.v${scan.version}`}`
      const limits = {
        maxRows: options.limits.exportMaxRows,
        timeoutMs: options.limits.exportTimeoutMs,
      }
      const select = `SELECT * FROM ${scan.sql} AS t`
      if (q.format === 'csv') {
        const result = await options.reader.read(
          c.get('identity'),
          { sql: select, tables: [name] },
          readContext(c, 'api.export'),
          limits,
        )
        return new Response(csvStream(result), {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': attachment(`${file}.csv`),
          },
        }) as never
      }
      return parquetExport(c, options, { sql: select, tables: [name] }, `${file}.parquet`) as never
    },
  )
}
