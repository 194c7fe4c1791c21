/**
 * @module lake/read/read-parquet
 * The one way the Delta layer calls DuckDB's `read_parquet`: always with
 * `hive_partitioning=false`. DuckDB otherwise detects `col=value` folders anywhere in a file's
 * path — the table's own partition folders, and any folder above the table — and replaces the
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
