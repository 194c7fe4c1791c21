/**
 * @module catalog/existing-relations
 * Which relations exist under a lakehouse home, as `adapter.get_relation` must see them: the
 * Delta tables and persisted views of the catalog registry in the given catalogs, plus any other
 * relation asked about by name (a schema outside the four layers) that is on disk. Reads the disk
 * only; no engine.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CATALOG_SCHEMAS } from './environments.js'
import { VIEWS_DIR } from './persisted-views.js'
import { discoverTables } from './table-registry.js'

/** A relation by its three parts (any schema, not only the catalog's four). */
export interface RelationRef {
  readonly catalog: string
  readonly schema: string
  readonly table: string
}

/**
 * The tables and views that exist in `catalogs` under `home`, and those of `alsoCheck` (names
 * outside the registry's schemas) that exist, without duplicates.
 */
export function existingRelations(
  home: string,
  catalogs: readonly string[],
  alsoCheck: readonly RelationRef[] = [],
): RelationRef[] {
  const out = new Map<string, RelationRef>()
  const add = (name: RelationRef): void => {
    out.set(`${name.catalog}.${name.schema}.${name.table}`.toLowerCase(), name)
  }
  for (const t of discoverTables(home, catalogs)) add(t.name)
  for (const catalog of catalogs) {
    for (const schema of CATALOG_SCHEMAS) {
      const dir = join(home, catalog, schema, VIEWS_DIR)
      if (!existsSync(dir)) continue
      for (const f of readdirSync(dir)) {
        if (f.endsWith('.sql')) add({ catalog, schema, table: f.slice(0, -'.sql'.length) })
      }
    }
  }
  for (const name of alsoCheck) {
    const dir = join(home, name.catalog, name.schema)
    if (
      existsSync(join(dir, name.table, '_delta_log')) ||
      existsSync(join(dir, VIEWS_DIR, `${name.table}.sql`))
    )
      add(name)
  }
  return [...out.values()]
}
