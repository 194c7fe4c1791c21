/**
 * @module serve/routes/catalog-params
 * The path and query parameters of the catalog routes (a catalog, schema and table named by
 * lower-case identifiers, a Delta version).
 */
import { z } from '@hono/zod-openapi'
import { identifier } from '../schemas/common-schemas.js'

/** `{catalog}`. */
export const catalogParam = identifier.openapi({
  param: { name: 'catalog', in: 'path' },
  example: 'dev_f1_data_analytics',
})

/** `{schema}`. */
export const schemaParam = identifier.openapi({
  param: { name: 'schema', in: 'path' },
  example: 'gold_analytics',
})

const tableParam = identifier.openapi({
  param: { name: 'table', in: 'path' },
  example: 'session_leaderboard',
})

/** `{catalog}/schemas/{schema}/tables/{table}`. */
export const tablePath = z.object({ catalog: catalogParam, schema: schemaParam, table: tableParam })

/** `?version=`: a Delta version (absent: the latest). */
export const version = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional()
