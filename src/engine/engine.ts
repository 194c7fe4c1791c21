/**
 * @module engine/engine
 * The SQL engine port (STYLE.md §1): run a query and get rows with column names and types. The
 * DuckDB adapter lives in `duckdb/`; a Databricks adapter can implement the same interface.
 * `all`/`run` make every engine usable as the lake's `SqlExecutor` port (structural typing).
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
