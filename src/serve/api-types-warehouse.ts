/**
 * @module serve/api-types-warehouse
 * Response types of the API's warehouse routes: the catalog browser (catalogs → schemas →
 * tables → columns, Delta history and time travel), lineage, data test results, pipeline runs,
 * freshness, and the SQL endpoint — inferred from the zod schemas that validate them and
 * generate the OpenAPI document (`schemas/catalog-schemas.ts`, `warehouse-schemas.ts`,
 * `sql-schemas.ts`; the field docs live there). Type-only imports: nothing of zod reaches the
 * dashboard's bundle.
 */
import type { Answer, JsonValue } from './api-answer.js'
import type * as C from './schemas/catalog-schemas.js'
import type * as Q from './schemas/sql-schemas.js'
import type * as W from './schemas/warehouse-schemas.js'

export type { JsonValue } from './api-answer.js'

/** A result row: column name → value (BIGINT as number when safe, else a decimal string). */
export type Row = Readonly<Record<string, JsonValue>>

/** A result column. */
export type ResultColumn = Answer<typeof C.ResultColumnSchema>
/** A catalog (an environment) the principal may use. */
export type CatalogInfo = Answer<typeof C.CatalogInfoSchema>
/** A schema the principal may use. */
export type SchemaInfo = Answer<typeof C.SchemaInfoSchema>
/** A table the principal may read, as listed. */
export type TableSummary = Answer<typeof C.TableSummarySchema>
/** A column of a table. */
export type ColumnDetail = Answer<typeof C.ColumnDetailSchema>
/** One table in detail. */
export type TableDetail = Answer<typeof C.TableDetailSchema>
/** One commit of a table's Delta history (`DESCRIBE HISTORY`). */
export type TableVersion = Answer<typeof C.TableVersionSchema>
/** `GET …/tables/{table}/rows?version=&limit=&offset=`: rows of a table, optionally time-travelled. */
export type TableRows = Answer<typeof C.TableRowsSchema>

/** A node of the lineage graph (a source, seed, model or snapshot). */
export type LineageNode = Answer<typeof W.LineageNodeSchema>
/** `GET /api/lineage`: sources to marts, from the manifest's parent map. */
export type Lineage = Answer<typeof W.LineageSchema>
/** A data test's last result (run_results.json). */
export type TestResult = Answer<typeof W.TestResultSchema>
/** `GET /api/tests`. */
export type TestResults = Answer<typeof W.TestResultsSchema>
/** `GET /api/tests/{unique_id}/failures`: the stored failing rows of a test. */
export type TestFailures = Answer<typeof W.TestFailuresSchema>
/** A pipeline run (`<catalog>.system.pipeline_runs`, latest state). */
export type PipelineRun = Answer<typeof W.PipelineRunSchema>
/** One asset × partition of a run (`<catalog>.system.pipeline_assets`). */
export type PipelineAsset = Answer<typeof W.PipelineAssetSchema>
/** `GET /api/runs/{run_id}`. */
export type PipelineRunDetail = Answer<typeof W.PipelineRunDetailSchema>
/** One source table's freshness (sources.json). */
export type SourceFreshness = Answer<typeof W.SourceFreshnessSchema>
/** `GET /api/freshness`. */
export type Freshness = Answer<typeof W.FreshnessSchema>

/** `POST /api/sql` body. */
export type SqlRequest = Answer<typeof Q.SqlRequestSchema>
/** `POST /api/sql/export` body: the same query, streamed as a file. */
export type SqlExportRequest = Answer<typeof Q.SqlExportRequestSchema>
/** `POST /api/sql` answer. */
export type SqlResult = Answer<typeof Q.SqlResultSchema>
