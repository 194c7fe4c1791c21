/**
 * @module serve/schemas/sql-schemas
 * zod schemas of the SQL endpoint: the request bodies of `POST /api/sql` and
 * `POST /api/sql/export` (strict: unknown keys are refused) and the answer. The API's types are
 * inferred from them (`api-types-warehouse.ts`).
 */
import { z } from '@hono/zod-openapi'
import { ResultColumnSchema, RowSchema } from './catalog-schemas.js'
import { bool, int, num, str } from './common-schemas.js'

/** Largest SQL text accepted (the body limit is a little larger). */
export const MAX_SQL_LENGTH = 20_000

/** `POST /api/sql` body. */
export const SqlRequestSchema = z
  .object({
    /** Exactly one SELECT; tables as `catalog.schema.table` (two-part names: the default catalog). */
    sql: z.string().min(1).max(MAX_SQL_LENGTH).openapi({
      example: 'select * from dev_f1_data_analytics.gold_analytics.session_leaderboard limit 3',
    }),
    /** Rows returned at most (capped by the server's limit). */
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .openapi('SqlRequest')

/** `POST /api/sql/export` body: the same query, streamed as a file. */
export const SqlExportRequestSchema = SqlRequestSchema.extend({
  format: z.enum(['csv', 'parquet']),
})
  .strict()
  .openapi('SqlExportRequest')

/** `POST /api/sql` answer. */
export const SqlResultSchema = z
  .object({
    request_id: str,
    columns: z.array(ResultColumnSchema),
    rows: z.array(RowSchema),
    row_count: int,
    /** True when the query had more rows than the limit (they were not computed or sent). */
    truncated: bool,
    limit: int,
    /** The tables the query read (`catalog.schema.table`). */
    tables: z.array(str),
    elapsed_ms: num,
  })
  .openapi('SqlResult')
