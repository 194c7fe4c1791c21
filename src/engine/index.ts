/**
 * @module engine
 * The SQL engine port and its adapters (DuckDB embedded; Databricks).
 * Public surface of the folder: other layers import only this file.
 */
export type {
  Engine,
  QueryResult,
  ColumnInfo,
  ResultRow,
  JsonValue,
  RowStream,
  StreamOptions,
  StreamingEngine,
  StagingEngine,
  StagedColumn,
  StagedValue,
} from './engine.js'
export { canStage, canStream } from './engine.js'
export { EngineError, QueryError, EngineClosedError } from './engine-errors.js'
export { SerialQueue } from './serial-queue.js'
export { DuckDbEngine } from './duckdb/duckdb-engine.js'
export type { DuckDbEngineOptions } from './duckdb/duckdb-engine.js'
export { safeInteger, isoFromMicros } from './duckdb/json-values.js'
export { DeltaViews } from './duckdb/delta-views.js'
export type { DeltaViewTable, SyncResult } from './duckdb/delta-views.js'
export { LakehouseEngine } from './duckdb/lakehouse-engine.js'
export type { LakehouseEngineOptions } from './duckdb/lakehouse-engine.js'
// Databricks adapter (issue 17): the driver is loaded only when a Databricks target connects.
export * from './databricks/index.js'
