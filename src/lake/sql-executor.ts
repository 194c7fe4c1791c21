/**
 * @module lake/sql-executor
 * The narrow SQL port the Delta layer uses to have an engine read and write Parquet (DuckDB's
 * `COPY … TO`, `read_parquet`, `parquet_metadata`). Owned here so that `lake` imports only `core`;
 * `engine/duckdb` implements it and the CLI wires it in (STYLE.md §1).
 */

/** A row as plain JS values (BIGINT as bigint or number, timestamps as Date or string). */
export type SqlRow = Record<string, unknown>

/** Runs SQL text. Implementations must serialise statements on one connection when needed. */
export interface SqlExecutor {
  /** Runs a query and returns all rows as objects. */
  all(sql: string): Promise<SqlRow[]>
  /** Runs a statement, discarding any result. */
  run(sql: string): Promise<void>
}

// Quoting is core's (one definition for every layer); re-exported for lake's callers.
export { sqlString, sqlIdent } from '../core/index.js'
