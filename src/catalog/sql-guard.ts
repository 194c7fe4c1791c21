/**
 * @module catalog/sql-guard
 * Decides whether a user's SQL may run on the governed read path, from DuckDB's own parse
 * (`json_serialize_sql`; never regexes): exactly one SELECT statement, every table it reads named
 * as `catalog.schema.table` in one of our catalogs and schemas (two-part names resolve in the
 * default catalog), no table functions (`read_parquet`, `glob`, `range`, … read files or bypass
 * grants), no `SHOW`/`DESCRIBE`/`SUMMARIZE`, no functions that reveal the server's configuration.
 *
 * CTE names are resolved with SQL's scoping: a CTE is visible in the query that defines it (and in
 * the CTEs after it), never in a sibling subquery — where the same name would be a file read by a
 * replacement scan. CTE and table names must be plain identifiers, so a name can never be taken
 * for a file path.
 */
import { sqlString } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import { CATALOG_SCHEMAS } from './environments.js'

/** A table a query reads, resolved to its three-level name. */
export interface ReadTable {
  readonly catalog: string
  readonly schema: string
  readonly table: string
}

/** Why a query was refused (stable codes for the API's problem+json). */
export type SqlRefusalCode =
  | 'sql-syntax'
  | 'sql-not-select'
  | 'sql-multiple-statements'
  | 'sql-table-function'
  | 'sql-unqualified-table'
  | 'sql-unknown-catalog'
  | 'sql-unknown-schema'
  | 'sql-invalid-name'
  | 'sql-forbidden-function'
  | 'sql-unsupported'

/** The guard's verdict. */
export type SqlVerdict =
  | { readonly ok: true; readonly tables: readonly ReadTable[] }
  | { readonly ok: false; readonly code: SqlRefusalCode; readonly reason: string }

/** Where names resolve. */
export interface SqlGuardOptions {
  /** The catalogs that exist (environments). */
  readonly catalogs: readonly string[]
  /** The catalog two-part names resolve in. */
  readonly defaultCatalog: string
}

/** Table references that only combine or produce rows of what they contain. */
const ALLOWED_TABLE_REFS = new Set([
  'BASE_TABLE',
  'SUBQUERY',
  'JOIN',
  'EXPRESSION_LIST',
  'EMPTY',
  'PIVOT',
])

/** Scalar functions that would tell a client about the server (paths, settings, view text). */
const FORBIDDEN_FUNCTIONS = new Set([
  'current_setting',
  'getenv',
  'pg_get_viewdef',
  'pg_get_constraintdef',
  'pg_get_expr',
])

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

class Refusal extends Error {
  constructor(
    readonly code: SqlRefusalCode,
    readonly reason: string,
  ) {
    super(reason)
  }
}

/** Parses `sql` with DuckDB's parser: the one statement's tree, or why it cannot run. */
export async function parseSelect(
  parser: Engine,
  sql: string,
): Promise<{ statement: unknown } | { code: SqlRefusalCode; reason: string }> {
  const [row] = await parser.all(`SELECT json_serialize_sql(${sqlString(sql)}) AS j`)
  const tree = JSON.parse(String(row?.['j'])) as {
    error?: boolean
    error_type?: string
    error_message?: string
    statements?: unknown[]
  }
  if (tree.error === true) {
    if (tree.error_type === 'not implemented') {
      return {
        code: 'sql-not-select',
        reason: 'only one read-only SELECT statement may run (this is not a SELECT)',
      }
    }
    return { code: 'sql-syntax', reason: `the query does not parse: ${tree.error_message ?? ''}` }
  }
  const statements = tree.statements ?? []
  if (statements.length !== 1) {
    return {
      code: statements.length === 0 ? 'sql-syntax' : 'sql-multiple-statements',
      reason:
        statements.length === 0
          ? 'the query is empty'
          : `exactly one statement may run (found ${statements.length})`,
    }
  }
  return { statement: statements[0] }
}

/** Checks `sql` and lists the tables it reads. */
export async function guardSql(
  parser: Engine,
  sql: string,
  options: SqlGuardOptions,
): Promise<SqlVerdict> {
  const parsed = await parseSelect(parser, sql)
  if ('code' in parsed) return { ok: false, code: parsed.code, reason: parsed.reason }
  const tables = new Map<string, ReadTable>()
  try {
    walk(parsed.statement, new Set(), options, tables)
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, reason: error.reason }
    throw error
  }
  return { ok: true, tables: [...tables.values()] }
}

type Scope = ReadonlySet<string>

function walk(node: unknown, scope: Scope, options: SqlGuardOptions, out: Map<string, ReadTable>) {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, scope, options, out)
    return
  }
  if (node === null || typeof node !== 'object') return
  const o = node as Record<string, unknown>
  if ('cte_map' in o) {
    walkQueryNode(o, scope, options, out)
    return
  }
  if (typeof o['class'] === 'string') {
    checkExpression(o)
  } else if (typeof o['type'] === 'string' && 'sample' in o) {
    if (checkTableRef(o, scope, options, out)) return
  }
  for (const value of Object.values(o)) walk(value, scope, options, out)
}

/** A query node: its CTEs come into scope one by one, then for the whole body. */
function walkQueryNode(
  o: Record<string, unknown>,
  scope: Scope,
  options: SqlGuardOptions,
  out: Map<string, ReadTable>,
) {
  let inner = new Set(scope)
  if (o['type'] === 'RECURSIVE_CTE_NODE' && typeof o['cte_name'] === 'string') {
    inner.add(o['cte_name'].toLowerCase())
  }
  const entries = (o['cte_map'] as { map?: { key?: unknown; value?: { query?: unknown } }[] })?.map
  for (const entry of entries ?? []) {
    const name = String(entry.key)
    if (!IDENT.test(name)) {
      throw new Refusal(
        'sql-invalid-name',
        'CTE names must be plain identifiers (letters, digits and _), never a quoted path',
      )
    }
    walk(entry.value?.query, inner, options, out)
    inner = new Set([...inner, name.toLowerCase()])
  }
  for (const [key, value] of Object.entries(o))
    if (key !== 'cte_map') walk(value, inner, options, out)
}

function checkExpression(o: Record<string, unknown>): void {
  if (o['class'] !== 'FUNCTION' && o['class'] !== 'WINDOW' && o['class'] !== 'AGGREGATE') return
  const name = String(o['function_name'] ?? '').toLowerCase()
  if (FORBIDDEN_FUNCTIONS.has(name)) {
    throw new Refusal('sql-forbidden-function', `${name}() is not available on governed reads`)
  }
}

/** Checks a table reference (its contents are walked by the caller); false to keep walking. */
function checkTableRef(
  o: Record<string, unknown>,
  scope: Scope,
  options: SqlGuardOptions,
  out: Map<string, ReadTable>,
): boolean {
  const type = String(o['type'])
  if (type === 'TABLE_FUNCTION') {
    const fn = (o['function'] as { function_name?: unknown } | undefined)?.function_name
    throw new Refusal(
      'sql-table-function',
      `table function ${String(fn ?? '')}() is not allowed: it reads files or data without grants; query tables as catalog.schema.table`,
    )
  }
  if (type === 'SHOW_REF') {
    throw new Refusal(
      'sql-unsupported',
      'SHOW, DESCRIBE and SUMMARIZE are not available; list tables and columns through the catalog routes (/api/catalogs)',
    )
  }
  if (!ALLOWED_TABLE_REFS.has(type)) {
    throw new Refusal('sql-unsupported', `this kind of FROM clause (${type}) is not available`)
  }
  if (type === 'BASE_TABLE') {
    const t = resolveTable(o, scope, options)
    if (t !== undefined) out.set(`${t.catalog}.${t.schema}.${t.table}`, t)
  }
  return false
}

function resolveTable(
  o: Record<string, unknown>,
  scope: Scope,
  options: SqlGuardOptions,
): ReadTable | undefined {
  const catalog = String(o['catalog_name'] ?? '')
  const schema = String(o['schema_name'] ?? '')
  const table = String(o['table_name'] ?? '')
  for (const part of [catalog, schema, table]) {
    if (part !== '' && !IDENT.test(part)) {
      throw new Refusal(
        'sql-invalid-name',
        'table names must be plain identifiers (letters, digits and _): files cannot be read here',
      )
    }
  }
  if (catalog === '' && schema === '') {
    if (scope.has(table.toLowerCase())) return undefined
    throw new Refusal(
      'sql-unqualified-table',
      `qualify table '${table}' as catalog.schema.table (e.g. ${options.defaultCatalog}.gold_analytics.${table})`,
    )
  }
  const lowerSchema = schema.toLowerCase()
  if (catalog === '' && lowerSchema === 'system') {
    throw new Refusal(
      'sql-unqualified-table',
      `write the system schema with its catalog: ${options.defaultCatalog}.system.${table}`,
    )
  }
  const resolved = catalog === '' ? options.defaultCatalog : catalog.toLowerCase()
  if (!options.catalogs.includes(resolved)) {
    throw new Refusal(
      'sql-unknown-catalog',
      `unknown catalog '${catalog}' (catalogs: ${options.catalogs.join(', ')})`,
    )
  }
  if (!(CATALOG_SCHEMAS as readonly string[]).includes(lowerSchema)) {
    throw new Refusal(
      'sql-unknown-schema',
      `unknown schema '${schema}' (schemas: ${CATALOG_SCHEMAS.join(', ')})`,
    )
  }
  return { catalog: resolved, schema: lowerSchema, table: table.toLowerCase() }
}
