/**
 * @module cli/actions/sql
 * `pitwall sql "<query>" [--format json|csv|table] [--as <principal>] [--max-rows N]
 * [--timeout S]`: a query against the lakehouse, where every Delta table of every environment is
 * `catalog.schema.table` (`schema.table` in the target's catalog).
 *
 * Without `--as` the query runs as the local admin (any SQL, no grants: the files are yours) and
 * says so. With `--as <principal>` it goes through the catalog's governed read path, exactly as
 * the API's SQL endpoint: one SELECT (DuckDB's parse), the principal's grants on every table, a
 * sandboxed engine, a row cap, a time limit that cancels it, and an audit record.
 *
 * Rows are streamed: json and csv are written as they arrive; the table format shows at most
 * `--max-rows` rows (default 1,000) and says how many more there were.
 */
import { randomUUID } from 'node:crypto'
import {
  createLakehouseEngine,
  currentEnvironment,
  environmentsOf,
  openGovernance,
  UnknownPrincipalError,
} from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import { QueryError, type ColumnInfo, type ResultRow } from '../../engine/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
// The CLI's own CSV field (the same RFC 4180 rule as the API's): importing serve would load Hono.
import {
  csvCell as csvField,
  formatRows,
  isRowFormat,
  ROW_FORMATS,
  type RowFormat,
} from '../format/sql-format.js'
import { openDuckDb, storeFor } from '../wiring/adapters.js'
import { isUnknownRelation, unknownRelationHint } from '../wiring/sql-hints.js'

/** Options of `pitwall sql`. */
interface SqlOptions {
  format?: string
  as?: string
  maxRows?: string
  timeout?: string
}

/** Rows the table format shows by default (the rest is counted, not printed). */
const TABLE_ROWS = 1000
/** Default row cap and time limit of a governed (`--as`) query. */
const GOVERNED_ROWS = 1_000_000
const GOVERNED_TIMEOUT_S = 300

/** Runs `pitwall sql`. */
export async function run(ctx: CliContext, { args, opts }: ActionInput<SqlOptions>): Promise<void> {
  const query = String(args[0])
  const format = opts.format ?? (ctx.json ? 'json' : 'table')
  if (!isRowFormat(format)) {
    throw new UsageError(`--format must be one of ${ROW_FORMATS.join(', ')} (got '${format}')`)
  }
  if (query.trim() === '')
    throw new UsageError('give the query to run, e.g. pitwall sql "select 1"')
  const maxRows = positive(opts.maxRows, '--max-rows')
  const timeoutS = positive(opts.timeout, '--timeout')
  if (opts.as === undefined) await runAsAdmin(ctx, query, format, maxRows)
  else await runGoverned(ctx, query, format, opts.as, maxRows, timeoutS)
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a positive whole number (got '${value}')`)
  return n
}

/** The local admin: any SQL on the lakehouse, no grants, no sandbox. */
async function runAsAdmin(
  ctx: CliContext,
  query: string,
  format: RowFormat,
  maxRows: number | undefined,
): Promise<void> {
  const config = await ctx.config()
  const catalogs = environmentsOf(config).map((e) => e.catalog)
  ctx.logger.info(
    'running as the local admin: grants do not apply (use --as <principal> to query with a principal’s grants)',
  )
  const duck = await openDuckDb()
  const engine = createLakehouseEngine(duck, { home: ctx.home, catalogs, storeFor })
  try {
    await engine.refresh()
    for (const f of engine.lastSyncResult().failed) {
      ctx.logger.warn(`table ${f.table} is not queryable: ${f.message}`)
    }
    const stream = await engine
      .stream(query, { defaultCatalog: currentEnvironment(config).catalog })
      .catch((error: unknown) => {
        if (error instanceof QueryError && isUnknownRelation(error.message)) {
          throw new QueryError(error.sql, error.cause, { hint: unknownRelationHint(catalogs) })
        }
        throw error
      })
    try {
      const cap = maxRows ?? (format === 'table' ? TABLE_ROWS : Number.POSITIVE_INFINITY)
      const chunks = async function* (): AsyncGenerator<ResultRow[]> {
        for (let rows = await stream.next(); rows !== undefined; rows = await stream.next())
          yield rows
      }
      const shown = await printRows(ctx, stream.columns, chunks(), format, cap)
      if (shown.more)
        ctx.logger.warn(
          `showing the first ${shown.rows} rows (--max-rows ${cap}); more were not fetched`,
        )
    } finally {
      await stream.close()
    }
  } finally {
    await engine.close()
  }
}

/** As a principal, through the governed read path (grants, sandbox, limits, audit). */
async function runGoverned(
  ctx: CliContext,
  query: string,
  format: RowFormat,
  principal: string,
  maxRows: number | undefined,
  timeoutS: number | undefined,
): Promise<void> {
  const config = await ctx.config()
  const defaultCatalog = currentEnvironment(config).catalog
  // Governed reads run bounded: sandboxed files, and a memory limit (PITWALL_MEMORY_LIMIT, 2GB).
  const duck = await openDuckDb({
    memoryLimit: ctx.io.env['PITWALL_MEMORY_LIMIT'] ?? '2GB',
    sandbox: { allowedDirectories: [ctx.home] },
  })
  const governance = await openGovernance({
    base: duck,
    home: ctx.home,
    storeFor,
    environments: environmentsOf(config),
    defaultCatalog,
    limits: {
      maxRows: maxRows ?? GOVERNED_ROWS,
      timeoutMs: (timeoutS ?? GOVERNED_TIMEOUT_S) * 1000,
    },
    onWarning: (m) => ctx.logger.warn(m),
  })
  try {
    const identity = await governance.access.identify(principal)
    const context = {
      requestId: randomUUID(),
      action: 'cli.sql',
      resource: 'pitwall sql --as',
      clientAddress: 'local',
    }
    if (identity === undefined) {
      governance.reader.record(context, {
        principal,
        outcome: 'denied',
        reason: 'unknown principal',
        sql: query,
      })
      throw new UnknownPrincipalError(principal)
    }
    const result = await governance.reader.sql(identity, query, context)
    let shown: { rows: number; more: boolean }
    try {
      const cap =
        format === 'table' ? Math.min(maxRows ?? TABLE_ROWS, result.maxRows) : result.maxRows
      shown = await printRows(ctx, result.columns, result.chunks(), format, cap)
    } finally {
      await result.close()
    }
    ctx.logger.debug(
      `read ${result.tables.map((t) => `${t.catalog}.${t.schema}.${t.table}`).join(', ')}`,
    )
    if (shown.more || result.truncated) {
      ctx.logger.warn(
        `showing the first ${shown.rows} rows (the row limit); the rest was not computed`,
      )
    }
  } finally {
    await governance.close()
  }
}

/**
 * Prints rows as they arrive, at most `cap` (table format: collected, then laid out). Returns how
 * many were shown and whether more existed.
 */
async function printRows(
  ctx: CliContext,
  columns: readonly ColumnInfo[],
  chunks: AsyncIterable<ResultRow[]>,
  format: RowFormat,
  cap: number,
): Promise<{ rows: number; more: boolean }> {
  const names = columns.map((c) => c.name)
  const out = ctx.io.stdout
  let count = 0
  let more = false
  const table: ResultRow[] = []
  if (format === 'csv') out.write(`${names.map(csvField).join(',')}\r\n`)
  if (format === 'json') out.write('[')
  for await (const chunk of chunks) {
    const take = chunk.slice(0, Math.max(0, cap - count))
    if (take.length < chunk.length) more = true
    if (format === 'csv') {
      out.write(take.map((r) => `${names.map((n) => csvField(r[n])).join(',')}\r\n`).join(''))
    } else if (format === 'json') {
      out.write(
        take.map((r, i) => `${count + i === 0 ? '\n' : ',\n'}  ${JSON.stringify(r)}`).join(''),
      )
    } else {
      table.push(...take)
    }
    count += take.length
    if (more) break
  }
  if (format === 'json') out.write(count === 0 ? ']\n' : '\n]\n')
  if (format === 'table') out.write(formatRows(names, table, 'table'))
  return { rows: count, more }
}
