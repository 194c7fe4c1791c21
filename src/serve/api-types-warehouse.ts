/**
 * @module serve/api-types-warehouse
 * Response types of the API's warehouse routes: the catalog browser (catalogs → schemas →
 * tables → columns, Delta history and time travel), lineage, data test results, pipeline runs,
 * freshness, and the SQL endpoint. Plain types only: the dashboard bundles them.
 */

/** A JSON value as the API returns it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/** A result row: column name → value (BIGINT as number when safe, else a decimal string). */
export type Row = Readonly<Record<string, JsonValue>>

/** A result column. */
export interface ResultColumn {
  readonly name: string
  /** DuckDB's type name (`BIGINT`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`, …). */
  readonly type: string
}

/** A catalog (an environment) the principal may use. */
export interface CatalogInfo {
  /** e.g. `dev_f1_data_analytics`. */
  readonly name: string
  /** The profiles.yml target: `dev`, `stage`, `prod`. */
  readonly target: string
  /** True for the catalog of the target the server runs with (two-part names resolve there). */
  readonly is_default: boolean
}

/** A schema the principal may use. */
export interface SchemaInfo {
  readonly catalog: string
  /** `bronze_raw`, `silver_clean`, `gold_analytics`, `system`. */
  readonly name: string
  readonly layer: 'bronze' | 'silver' | 'gold' | 'system'
  /** Tables in it the principal may read. */
  readonly tables: number
}

/** A table the principal may read, as listed. */
export interface TableSummary {
  readonly catalog: string
  readonly schema: string
  readonly name: string
  /** `catalog.schema.table`. */
  readonly full_name: string
  /** The latest Delta version. */
  readonly version: number
  /** From the Delta statistics (null when a file has none). */
  readonly num_rows: number | null
  readonly num_files: number
  readonly size_bytes: number
  /** When the latest version was committed. */
  readonly last_modified: string | null
  /** The model's description from the manifest, when it is a model. */
  readonly description: string | null
}

/** A column of a table. */
export interface ColumnDetail {
  readonly name: string
  /** The Delta type (`long`, `string`, `timestamp`, `array<double>`, …). */
  readonly type: string
  readonly nullable: boolean
  readonly description: string | null
}

/** One table in detail. */
export interface TableDetail extends TableSummary {
  readonly columns: readonly ColumnDetail[]
  readonly partition_columns: readonly string[]
  readonly properties: Readonly<Record<string, string>>
  readonly min_reader_version: number
  readonly min_writer_version: number
  /** The model that builds it (manifest unique id), when there is one. */
  readonly model: string | null
}

/** One commit of a table's Delta history (`DESCRIBE HISTORY`). */
export interface TableVersion {
  readonly version: number
  readonly timestamp: string | null
  /** `WRITE`, `MERGE`, `OPTIMIZE`, … */
  readonly operation: string | null
  readonly operation_parameters: Readonly<Record<string, JsonValue>>
  readonly operation_metrics: Readonly<Record<string, JsonValue>>
  readonly engine_info: string | null
}

/** `GET …/tables/{table}/rows?version=&limit=&offset=`: rows of a table, optionally time-travelled. */
export interface TableRows {
  readonly full_name: string
  /** The version read. */
  readonly version: number
  readonly columns: readonly ResultColumn[]
  readonly rows: readonly Row[]
  readonly limit: number
  readonly offset: number
  /** Set when more rows follow this page. */
  readonly next_offset: number | null
}

/** A node of the lineage graph (a source, seed, model or snapshot). */
export interface LineageNode {
  /** Manifest unique id (`model.pitwall.fact_laps`, `source.pitwall.bronze.laps`). */
  readonly unique_id: string
  readonly name: string
  readonly resource_type: 'source' | 'seed' | 'model' | 'snapshot'
  readonly layer: 'bronze' | 'silver' | 'gold' | 'other'
  /** `catalog.schema.table` the node builds or reads. */
  readonly relation: string | null
  readonly materialized: string | null
  readonly description: string | null
  /** The status of its last run (`success`, `error`, `skipped`), when run. */
  readonly last_status: string | null
}

/** `GET /api/lineage`: sources to marts, from the manifest's parent map. */
export interface Lineage {
  readonly generated_at: string | null
  readonly nodes: readonly LineageNode[]
  /** `from` is a parent of `to`. */
  readonly edges: readonly { readonly from: string; readonly to: string }[]
}

/** A data test's last result (run_results.json). */
export interface TestResult {
  readonly unique_id: string
  readonly name: string
  /** `pass`, `fail`, `warn`, `error`, `skipped`. */
  readonly status: string
  /** Failing rows counted. */
  readonly failures: number | null
  readonly message: string | null
  readonly execution_time: number | null
  /** The model or source it tests. */
  readonly attached_node: string | null
  readonly column_name: string | null
  readonly severity: string | null
  /** `catalog.schema.table` holding its failing rows (store_failures), when stored. */
  readonly failures_relation: string | null
}

/** `GET /api/tests`. */
export interface TestResults {
  readonly generated_at: string | null
  readonly invocation_id: string | null
  readonly results: readonly TestResult[]
}

/** `GET /api/tests/{unique_id}/failures`: the stored failing rows of a test. */
export interface TestFailures {
  readonly unique_id: string
  readonly relation: string
  readonly columns: readonly ResultColumn[]
  readonly rows: readonly Row[]
  readonly truncated: boolean
}

/** A pipeline run (`<catalog>.system.pipeline_runs`, latest state). */
export interface PipelineRun {
  readonly run_id: string
  readonly kind: string
  /** `running`, `success`, `failed`, `refused` (a `running` run of a dead process is interrupted). */
  readonly status: string
  readonly attempt: number
  readonly target: string
  readonly trigger: string
  readonly partitions: readonly string[]
  readonly started_at: string | null
  readonly ended_at: string | null
  readonly duration_seconds: number | null
  readonly summary: Readonly<Record<string, JsonValue>>
  readonly error: string | null
}

/** One asset × partition of a run (`<catalog>.system.pipeline_assets`). */
export interface PipelineAsset {
  readonly asset: string
  readonly kind: string
  readonly step: string
  readonly partition: string | null
  readonly status: string
  readonly attempt: number
  readonly started_at: string | null
  readonly ended_at: string | null
  readonly duration_seconds: number | null
  readonly rows: number | null
  readonly error: string | null
}

/** `GET /api/runs/{run_id}`. */
export interface PipelineRunDetail extends PipelineRun {
  readonly assets: readonly PipelineAsset[]
}

/** One source table's freshness (sources.json). */
export interface SourceFreshness {
  readonly unique_id: string
  readonly source_name: string
  readonly table: string
  /** `pass`, `warn`, `error`, `runtime error`. */
  readonly status: string
  readonly max_loaded_at: string | null
  readonly snapshotted_at: string | null
  readonly age_seconds: number | null
  readonly warn_after: string | null
  readonly error_after: string | null
}

/** `GET /api/freshness`. */
export interface Freshness {
  readonly generated_at: string | null
  readonly sources: readonly SourceFreshness[]
}

/** `POST /api/sql` body. */
export interface SqlRequest {
  /** Exactly one SELECT; tables as `catalog.schema.table` (two-part names: the default catalog). */
  readonly sql: string
  /** Rows returned at most (capped by the server's limit). */
  readonly limit?: number
}

/** `POST /api/sql/export` body: the same query, streamed as a file. */
export interface SqlExportRequest extends SqlRequest {
  readonly format: 'csv' | 'parquet'
}

/** `POST /api/sql` answer. */
export interface SqlResult {
  readonly request_id: string
  readonly columns: readonly ResultColumn[]
  readonly rows: readonly Row[]
  readonly row_count: number
  /** True when the query had more rows than the limit (they were not computed or sent). */
  readonly truncated: boolean
  readonly limit: number
  /** The tables the query read (`catalog.schema.table`). */
  readonly tables: readonly string[]
  readonly elapsed_ms: number
}
