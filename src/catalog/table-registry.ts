/**
 * @module catalog/table-registry
 * Discovers the Delta tables of the lakehouse on disk: every `<home>/<catalog>/<schema>/<table>/`
 * that has a `_delta_log/` folder. The disk is the registry (no metastore to drift out of sync),
 * so several processes see the same tables.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CATALOG_SCHEMAS } from './environments.js'
import { isIdentifier, tablePath, type TableName } from './table-name.js'

/** A table found on disk. */
export interface RegisteredTable {
  readonly name: TableName
  /** Absolute path of the table root. */
  readonly path: string
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isIdentifier(d.name))
    .map((d) => d.name)
    .sort()
}

/** Every Delta table of `catalogs` under `home`, sorted by name. */
export function discoverTables(home: string, catalogs: readonly string[]): RegisteredTable[] {
  const found: RegisteredTable[] = []
  for (const catalog of catalogs) {
    for (const schema of CATALOG_SCHEMAS) {
      for (const table of subdirs(join(home, catalog, schema))) {
        const name: TableName = { catalog, schema, table }
        const path = tablePath(home, name)
        if (existsSync(join(path, '_delta_log'))) found.push({ name, path })
      }
    }
  }
  return found
}
