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

/*
 * Every read_parquet of the Delta layer goes through {@link readParquetSql}, always with
 * `hive_partitioning=false`: DuckDB otherwise detects `col=value` folders anywhere in a file's
 * path — the table's own partition folders and any folder above the table — and replaces the
 * column of that name with the folder's value. Partition values come from the log only
 * (PROTOCOL-NOTES §0.5); a table stored under `/data/s=9/t` with a column `s` must read its `s`.
 */
/**
 * `read_parquet(<files>, <options…>, hive_partitioning=false)`.
 * @param files a SQL list (`['/a.parquet', …]`) or one quoted path
 * @param options named parameters as SQL text (`union_by_name=true`, `filename=true`, …)
 */
export function readParquetSql(files: string, options: readonly string[] = []): string {
  return `read_parquet(${[files, ...options, 'hive_partitioning=false'].join(', ')})`
}

// Quoting is core's (one definition for every layer); re-exported for lake's callers.
export { sqlString, sqlIdent } from '../core/index.js'
