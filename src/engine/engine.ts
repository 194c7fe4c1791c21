/**
 * @module engine/engine
 * The SQL engine port (STYLE.md §1): run a query and get rows with column names and types. The
 * DuckDB adapter lives in `duckdb/`; a Databricks adapter can implement the same interface.
 * `all`/`run` make every engine usable as the lake's `SqlExecutor` port (structural typing).
 * Streaming ({@link StreamingEngine}) is an optional capability: serving reads through it so a
 * result is never held whole in memory and a running statement can be cancelled. Staging
 * ({@link StagingEngine}) is another: rows handed over as values, not SQL text, for bulk appends.
 */

/** A JSON-serialisable value as queries return it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

/** A result row: column name → value. */
export type ResultRow = Record<string, JsonValue>

/** A result column. */
export interface ColumnInfo {
  /** The column's name as the query produced it. */
  readonly name: string
  /** The engine's SQL type name (`BIGINT`, `VARCHAR`, `DOUBLE[]`, …). */
  readonly type: string
}

/** A query's result. */
export interface QueryResult {
  /** The columns in order. */
  readonly columns: readonly ColumnInfo[]
  /** The rows as plain JSON values (BIGINT as number when safe, timestamps as ISO strings). */
  readonly rows: readonly ResultRow[]
}

/**
 * A SQL engine. Implementations serialise statements on their connection, so callers may issue
 * queries concurrently; statements run one at a time in issue order.
 */
export interface Engine {
  /** Runs a query and returns its columns and rows. */
  query(sql: string): Promise<QueryResult>
  /** Runs a query and returns its rows only (the lake's `SqlExecutor.all`). */
  all(sql: string): Promise<ResultRow[]>
  /** Runs one or more statements, discarding results. */
  run(sql: string): Promise<void>
  /** Releases the engine. Further calls fail with `EngineClosedError`. Idempotent. */
  close(): Promise<void>
}

/** A streamed query: the columns up front, the rows a chunk at a time. */
export interface RowStream {
  /** The result's columns in order. */
  readonly columns: readonly ColumnInfo[]
  /** The next chunk of rows (a few thousand at most), or `undefined` once the result is done. */
  next(): Promise<ResultRow[] | undefined>
  /** Stops the statement (interrupting it if it still runs) and releases it. Idempotent. */
  close(): Promise<void>
}

/** Options of {@link StreamingEngine.stream}. */
export interface StreamOptions {
  /** Aborting it interrupts the running statement; the pending call rejects. */
  readonly signal?: AbortSignal
  /** The catalog one- and two-part names resolve in (`USE`), for this statement. */
  readonly defaultCatalog?: string
}

/**
 * An engine that can stream: statements run on their own connection (so a slow one never blocks
 * the others), rows are fetched on demand and a statement can be interrupted.
 */
export interface StreamingEngine extends Engine {
  /** Starts `sql` (one statement) and returns its rows as a stream. Always `close()` it. */
  stream(sql: string, options?: StreamOptions): Promise<RowStream>
}

/** True when `engine` can stream results ({@link StreamingEngine}). */
export function canStream(engine: Engine): engine is StreamingEngine {
  return typeof (engine as Partial<StreamingEngine>).stream === 'function'
}

/** A value of a staged row. */
export type StagedValue = string | number | boolean | null

/** A column of a staged table: its name and one of the types staging takes. */
export interface StagedColumn {
  readonly name: string
  readonly type: 'VARCHAR' | 'DOUBLE' | 'BOOLEAN'
}

/**
 * An engine that can take rows as values: {@link StagingEngine.stageRows} fills a temporary table
 * without any SQL text to parse. A `VALUES` list of a few thousand rows costs DuckDB seconds of
 * CPU to parse and bind (and a Delta write reads its source SQL more than once); appending the
 * same rows costs milliseconds. Callers cast the staged columns to their final types in SQL.
 */
export interface StagingEngine extends Engine {
  /**
   * Creates (or replaces) the temporary table `temp.main.<name>` with `columns` and appends
   * `rows` (each in column order). It is visible to this engine's `query`/`all`/`run` only, not
   * to streams (their connections do not see it). Drop it with `DROP TABLE temp.main.<name>`.
   */
  stageRows(
    name: string,
    columns: readonly StagedColumn[],
    rows: readonly (readonly StagedValue[])[],
  ): Promise<void>
}

/** True when `engine` can stage rows ({@link StagingEngine}). */
export function canStage(engine: Engine): engine is StagingEngine {
  return typeof (engine as Partial<StagingEngine>).stageRows === 'function'
}
