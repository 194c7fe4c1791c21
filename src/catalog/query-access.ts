/**
 * @module catalog/query-access
 * Whether a principal may read a set of tables: each needs USE CATALOG + USE SCHEMA + SELECT
 * (inherited downward), checked against the grants stored in the table's own catalog.
 */
import { checkAccess, type AccessDecision, type Grant, type Grantee } from './grants.js'
import type { ReadTable } from './sql-guard.js'

/**
 * May `who` read every table of `tables`? The first missing privilege is the reason.
 * `grantsOf(catalog)` gives the grants in force for a catalog.
 */
export async function checkReadAccess(
  tables: readonly ReadTable[],
  who: Grantee,
  grantsOf: (catalog: string) => Promise<readonly Grant[]>,
): Promise<AccessDecision> {
  const principal = typeof who === 'string' ? who : (who[0] ?? 'nobody')
  for (const t of tables) {
    const decision = checkAccess(await grantsOf(t.catalog), who, 'SELECT', t)
    if (!decision.allowed) return decision
  }
  const names = tables.map((t) => `${t.catalog}.${t.schema}.${t.table}`).join(', ')
  return { allowed: true, reason: `${principal} may read ${names === '' ? 'no tables' : names}` }
}
