/**
 * @module catalog/query-access
 * Checks a query against the grants before it runs (`pitwall sql --as <principal>`): DuckDB parses
 * it (`json_serialize_sql`, SELECT statements only) and every table it reads must be granted to the
 * principal (USE CATALOG + USE SCHEMA + SELECT, inherited downward). Table functions
 * (`read_parquet('…')`) would bypass the grants, so they are refused, as are unqualified names that
 * are not CTEs (qualify them as catalog.schema.table).
 */
import type { Engine } from '../engine/index.js'
import { sqlString } from '../lake/index.js'
import { checkAccess, formatSecurable, type AccessDecision, type Grant } from './grants.js'

/** What a query reads. */
export interface QueryReads {
  /** Tables as written: `catalog.schema.table`, `schema.table` or `table`. */
  readonly tables: readonly { catalog: string; schema: string; table: string }[]
  /** Table functions called (`read_parquet`, …). */
  readonly functions: readonly string[]
  /** Set when DuckDB could not parse the query as SELECT statements. */
  readonly error?: string
}

/** Parses `sql` and lists what it reads. */
export async function queryReads(engine: Engine, sql: string): Promise<QueryReads> {
  const [row] = await engine.all(`SELECT json_serialize_sql(${sqlString(sql)}) AS j`)
  const tree = JSON.parse(String(row?.['j'])) as { error?: boolean; error_message?: string }
  if (tree.error === true) return { tables: [], functions: [], error: String(tree.error_message) }
  const ctes = new Set<string>()
  const tables: { catalog: string; schema: string; table: string }[] = []
  const functions: string[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk)
      return
    }
    if (node === null || typeof node !== 'object') return
    const o = node as Record<string, unknown>
    const map = (o['cte_map'] as { map?: { key?: unknown }[] } | undefined)?.map
    for (const entry of map ?? []) if (typeof entry.key === 'string') ctes.add(entry.key)
    if (o['type'] === 'BASE_TABLE') {
      tables.push({
        catalog: String(o['catalog_name'] ?? ''),
        schema: String(o['schema_name'] ?? ''),
        table: String(o['table_name'] ?? ''),
      })
    }
    if (o['type'] === 'TABLE_FUNCTION') {
      const fn = (o['function'] as { function_name?: unknown } | undefined)?.function_name
      functions.push(String(fn ?? 'table function'))
    }
    Object.values(o).forEach(walk)
  }
  walk(tree)
  return {
    tables: tables.filter((t) => !(t.catalog === '' && t.schema === '' && ctes.has(t.table))),
    functions,
  }
}

/**
 * May `principal` run a query reading `reads`? Two-part names resolve in `defaultCatalog`.
 * `grantsOf(catalog)` gives the grants stored for a catalog.
 */
export async function checkQueryAccess(
  reads: QueryReads,
  principal: string,
  defaultCatalog: string,
  grantsOf: (catalog: string) => Promise<readonly Grant[]>,
): Promise<AccessDecision> {
  if (reads.error !== undefined) {
    return { allowed: false, reason: `only SELECT queries can run as a principal (${reads.error})` }
  }
  if (reads.functions.length > 0) {
    return {
      allowed: false,
      reason: `${reads.functions.join(', ')} reads files directly, bypassing grants; query tables by catalog.schema.table`,
    }
  }
  for (const t of reads.tables) {
    if (t.schema === '') {
      return { allowed: false, reason: `qualify table '${t.table}' as catalog.schema.table` }
    }
    const target = {
      catalog: t.catalog === '' ? defaultCatalog : t.catalog,
      schema: t.schema,
      table: t.table,
    }
    const decision = checkAccess(await grantsOf(target.catalog), principal, 'SELECT', target)
    if (!decision.allowed) return decision
  }
  const names = reads.tables.map((t) => formatSecurable(t)).join(', ')
  return { allowed: true, reason: `${principal} may read ${names === '' ? 'no tables' : names}` }
}
