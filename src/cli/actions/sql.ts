/**
 * @module cli/actions/sql
 * `pitwall sql "<query>" [--format json|csv|table] [--as <principal>]`: runs a query against the
 * lakehouse, where every Delta table of every environment is `catalog.schema.table`
 * (`SELECT * FROM dev_f1_data_analytics.bronze_raw.bronze_laps`; `schema.table` in the target's
 * catalog). `json` prints an array of row
 * objects (also what `--json` prints). With `--as`, the query runs only if the principal's grants
 * (kept in `<catalog>.system.grants`, defaults otherwise) allow every table it reads.
 */
import {
  AccessDeniedError,
  checkQueryAccess,
  createLakehouseEngine,
  currentEnvironment,
  environmentsOf,
  GRANTS_TABLE,
  loadGrants,
  queryReads,
  tableName,
  tablePath,
  type Grant,
} from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import { DuckDbEngine, QueryError } from '../../engine/index.js'
import { sqlIdent } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatRows, isRowFormat, ROW_FORMATS } from '../format/sql-format.js'
import { isUnknownRelation, unknownRelationHint } from '../wiring/sql-hints.js'

/** Runs `pitwall sql`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ format?: string; as?: string }>,
): Promise<void> {
  const query = String(args[0])

  const format = opts.format ?? (ctx.json ? 'json' : 'table')
  if (!isRowFormat(format)) {
    throw new UsageError(`--format must be one of ${ROW_FORMATS.join(', ')} (got '${format}')`)
  }
  if (query.trim() === '')
    throw new UsageError('give the query to run, e.g. pitwall sql "select 1"')
  const config = await ctx.config()
  const duck = await DuckDbEngine.create()
  const engine = createLakehouseEngine(duck, {
    home: ctx.home,
    catalogs: environmentsOf(config).map((e) => e.catalog),
  })
  try {
    // Two-part names (`bronze_raw.bronze_laps`) resolve in the target's catalog.
    await engine.refresh()
    await duck.run(`USE ${sqlIdent(currentEnvironment(config).catalog)}`)
    if (opts.as !== undefined) {
      const principal = opts.as
      const cache = new Map<string, Promise<Grant[]>>()
      const grantsOf = (catalog: string): Promise<Grant[]> => {
        const path = tablePath(ctx.home, tableName(catalog, 'system', GRANTS_TABLE))
        let grants = cache.get(catalog)
        if (grants === undefined) {
          grants = loadGrants(duck, path, catalog)
          cache.set(catalog, grants)
        }
        return grants
      }
      const reads = await queryReads(duck, query)
      const decision = await checkQueryAccess(
        reads,
        principal,
        currentEnvironment(config).catalog,
        grantsOf,
      )
      if (!decision.allowed) throw new AccessDeniedError(principal, decision.reason)
      ctx.logger.debug(decision.reason)
    }
    const started = performance.now()
    const result = await engine.query(query).catch((error: unknown) => {
      if (error instanceof QueryError && isUnknownRelation(error.message)) {
        throw new QueryError(error.sql, error.cause, {
          hint: unknownRelationHint(environmentsOf(config).map((e) => e.catalog)),
        })
      }
      throw error
    })
    for (const f of engine.lastSyncResult().failed) {
      ctx.logger.warn(`table ${f.table} is not queryable: ${f.message}`)
    }
    ctx.logger.debug('query done', {
      rows: result.rows.length,
      ms: Math.round(performance.now() - started),
    })
    const text = formatRows(
      result.columns.map((c) => c.name),
      result.rows,
      format,
    )
    if (ctx.json && format === 'json') ctx.emit(result.rows, text)
    else ctx.io.stdout.write(text)
  } finally {
    await engine.close()
  }
}
