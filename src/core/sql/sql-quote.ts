/**
 * @module core/sql/sql-quote
 * SQL quoting, defined once for every layer (DESIGN.md §2: contracts two layers share live in
 * core). DuckDB and Databricks SQL share these rules for string literals and double-quoted
 * identifiers; Databricks' backtick identifiers are the Databricks adapter's business.
 */

/** Quotes a string as a SQL literal: `it's` → `'it''s'`. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** Quotes an identifier: `my "col"` → `"my ""col"""`. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Quotes a dotted name part by part: `['cat', 'sch', 't']` → `"cat"."sch"."t"`. */
export function sqlQualified(parts: readonly string[]): string {
  return parts.map(sqlIdent).join('.')
}
