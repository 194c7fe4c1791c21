/**
 * @module cli/wiring/sql-hints
 * What to tell a user whose query names a relation that does not exist. DuckDB words an unknown
 * table ("Catalog Error: Table with name … does not exist") and an unknown catalog ("Binder
 * Error: Catalog "…" does not exist!") differently; both get the same pitwall hint.
 */

const UNKNOWN_RELATION =
  /Catalog Error|Catalog "[^"]*" does not exist|Schema with name \S+ does not exist/

/** True when an engine error message says a table, schema or catalog does not exist. */
export function isUnknownRelation(message: string): boolean {
  return UNKNOWN_RELATION.test(message)
}

/** The hint for an unknown table, schema or catalog: how names look and how to list them. */
export function unknownRelationHint(catalogs: readonly string[]): string {
  return `Tables are catalog.schema.table (catalogs: ${catalogs.join(', ')}); list them with: pitwall sql "select table_catalog, table_schema, table_name from information_schema.tables"`
}
