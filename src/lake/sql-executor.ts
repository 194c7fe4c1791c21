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

/** Quotes a string as a SQL literal (`'it''s'`). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** Quotes an identifier (`"my col"`). */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
