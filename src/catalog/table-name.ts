/**
 * @module catalog/table-name
 * Three-level names (`catalog.schema.table`) and their place on disk:
 * `<home>/<catalog>/<schema>/<table>/` (DESIGN.md §3).
 */
import { join } from 'node:path'
import { InvalidTableNameError } from './catalog-errors.js'
import { isSchemaName, type SchemaName } from './environments.js'

/** A table's three-level name. */
export interface TableName {
  readonly catalog: string
  readonly schema: SchemaName
  readonly table: string
}

const IDENT = /^[a-z_][a-z0-9_]*$/

/** True for a lower-case SQL identifier usable as a folder name. */
export function isIdentifier(part: string): boolean {
  return IDENT.test(part)
}

/** Builds a name, checking each part. @throws InvalidTableNameError */
export function tableName(catalog: string, schema: string, table: string): TableName {
  const text = `${catalog}.${schema}.${table}`
  for (const part of [catalog, schema, table]) {
    if (!isIdentifier(part)) {
      throw new InvalidTableNameError(text, `'${part}' must be lower-case letters, digits and _`)
    }
  }
  if (!isSchemaName(schema)) {
    throw new InvalidTableNameError(
      text,
      `unknown schema '${schema}' (bronze_raw, silver_clean, gold_analytics, system)`,
    )
  }
  return { catalog, schema, table }
}

/** Parses `catalog.schema.table`. @throws InvalidTableNameError */
export function parseTableName(text: string): TableName {
  const parts = text.split('.')
  if (parts.length !== 3)
    throw new InvalidTableNameError(text, 'expected three dot-separated parts')
  const [catalog, schema, table] = parts as [string, string, string]
  return tableName(catalog, schema, table)
}

/** `catalog.schema.table`. */
export function formatTableName(name: TableName): string {
  return `${name.catalog}.${name.schema}.${name.table}`
}

/** The table's root folder under the lakehouse home. */
export function tablePath(home: string, name: TableName): string {
  return join(home, name.catalog, name.schema, name.table)
}
