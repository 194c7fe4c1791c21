/**
 * @module catalog/grants-store
 * Grants live in each catalog's `system` schema as a Delta table, `<catalog>.system.grants`
 * (principal, privilege, securable), so every process sees the same ones and their history is
 * the table's history. A catalog without the table has the defaults of the original design.
 */
import { sqlString } from '../core/index.js'
import {
  defaultGrants,
  formatSecurable,
  parseSecurable,
  PRIVILEGES,
  type Grant,
  type GrantEnvironment,
  type Privilege,
} from './grants.js'
import { readSystemTable, writeSystemTable, type CatalogStorage } from './system-tables.js'

/** The grants table's name in the `system` schema. */
export const GRANTS_TABLE = 'grants'

/** The grants stored for `environment`'s catalog, or its defaults when none are stored. */
export async function loadGrants(
  storage: CatalogStorage,
  environment: GrantEnvironment,
): Promise<Grant[]> {
  const rows = await readSystemTable(
    storage,
    environment.catalog,
    GRANTS_TABLE,
    'principal, privilege, securable',
  )
  if (rows === undefined) return defaultGrants([environment])
  return rows
    .filter((r) => (PRIVILEGES as readonly unknown[]).includes(r['privilege']))
    .map((r) => ({
      principal: String(r['principal']),
      privilege: r['privilege'] as Privilege,
      on: parseSecurable(String(r['securable'])),
    }))
    .sort((a, b) => grantOrder(a).localeCompare(grantOrder(b)))
}

/** Replaces the grants stored for `catalog` with `grants` (one commit). Returns the version. */
export async function saveGrants(
  storage: CatalogStorage,
  catalog: string,
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
  return writeSystemTable(storage, catalog, GRANTS_TABLE, sql, 'overwrite')
}

function grantOrder(g: Grant): string {
  return `${g.principal}|${formatSecurable(g.on)}|${g.privilege}`
}
