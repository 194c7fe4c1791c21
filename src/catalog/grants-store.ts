/**
 * @module catalog/grants-store
 * Grants live in the catalog's `system` schema as a Delta table, `<catalog>.system.grants`
 * (principal, privilege, securable), so every process sees the same ones and their history is
 * the table's history. A catalog without the table has the defaults of the original design.
 */
import type { Engine } from '../engine/index.js'
import {
  LocalObjectStore,
  NotADeltaTableError,
  loadSnapshot,
  scanSql,
  sqlString,
  writeTable,
} from '../lake/index.js'
import {
  defaultGrants,
  formatSecurable,
  parseSecurable,
  PRIVILEGES,
  type Grant,
  type Privilege,
} from './grants.js'
import { layerTableProperties } from './table-properties.js'

/** The grants table's name in the `system` schema. */
export const GRANTS_TABLE = 'grants'

/** Reads the grants stored at `path` (the grants table), or the defaults for `catalog`. */
export async function loadGrants(engine: Engine, path: string, catalog: string): Promise<Grant[]> {
  let sql: string
  try {
    const snapshot = await loadSnapshot(new LocalObjectStore(path), { sql: engine })
    sql = await scanSql(snapshot, { sql: engine })
  } catch (error) {
    if (error instanceof NotADeltaTableError) return defaultGrants([catalog])
    throw error
  }
  const rows = await engine.all(`SELECT principal, privilege, securable FROM (${sql}) ORDER BY ALL`)
  return rows
    .filter((r) => (PRIVILEGES as readonly unknown[]).includes(r['privilege']))
    .map((r) => ({
      principal: String(r['principal']),
      privilege: r['privilege'] as Privilege,
      on: parseSecurable(String(r['securable'])),
    }))
}

/** Replaces the stored grants with `grants` (one commit). Returns the table version. */
export async function saveGrants(
  engine: Engine,
  path: string,
  grants: readonly Grant[],
): Promise<number> {
  const values = grants
    .map(
      (g) =>
        `(${sqlString(g.principal)}, ${sqlString(g.privilege)}, ${sqlString(formatSecurable(g.on))})`,
    )
    .join(', ')
  const sql =
    grants.length === 0
      ? `SELECT NULL::VARCHAR AS principal, NULL::VARCHAR AS privilege, NULL::VARCHAR AS securable WHERE false`
      : `SELECT * FROM (VALUES ${values}) AS t(principal, privilege, securable)`
  const result = await writeTable({
    store: new LocalObjectStore(path),
    executor: engine,
    sql,
    mode: 'overwrite',
    configuration: layerTableProperties('system'),
  })
  return result.version
}
