/**
 * @module cli/commands/table-target
 * Shared pieces of `pitwall table …`: resolving `<path or catalog.schema.table>` to a table
 * directory, opening the DuckDB executor, and turning engine rows into printable rows (BIGINT as
 * numbers — or strings past 2^53 —, timestamps as ISO strings).
 */
import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { UsageError } from '../../core/index.js'
import { LocalObjectStore, type SqlRow, type TableTarget } from '../../lake/index.js'
import type { CliContext } from '../context.js'
import { DuckDbEngine } from '../../engine/index.js'

const THREE_PART = /^[A-Za-z_][\w]*\.[A-Za-z_][\w]*\.[A-Za-z_][\w]*$/

/** The directory of a table given as a path or as `catalog.schema.table` under the home. */
export function resolveTableDir(ctx: CliContext, table: string): string {
  if (table.trim() === '') throw new UsageError('give a table: a path or catalog.schema.table')
  const asPath = isAbsolute(table) ? table : resolve(ctx.io.cwd, table)
  if (THREE_PART.test(table) && !existsSync(asPath)) {
    const [catalog, schema, name] = table.split('.') as [string, string, string]
    return join(ctx.home, catalog, schema, name)
  }
  if (table.includes('/') || table.startsWith('.') || existsSync(asPath)) return asPath
  throw new UsageError(
    `'${table}' is neither a path nor a catalog.schema.table name (e.g. dev_f1_data_analytics.bronze_raw.bronze_laps)`,
  )
}

/** Runs `fn` with the table's store and a DuckDB executor that is closed afterwards. */
export async function withTable<T>(
  ctx: CliContext,
  table: string,
  fn: (target: TableTarget & { executor: DuckDbEngine }, dir: string) => Promise<T>,
): Promise<T> {
  const dir = resolveTableDir(ctx, table)
  const executor = await DuckDbEngine.create()
  try {
    return await fn({ store: new LocalObjectStore(dir), executor }, dir)
  } finally {
    await executor.close()
  }
}

function printable(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString()
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map(printable)
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)]))
  }
  return value
}

/** Rows with JSON-safe values (BIGINT → number or string, Date → ISO string). */
export function printableRows(rows: readonly SqlRow[]): Record<string, unknown>[] {
  return rows.map((r) => printable(r) as Record<string, unknown>)
}

/** Parses `--version`. */
export function parseVersion(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value))
    throw new UsageError(`--version must be a non-negative integer (got '${value}')`)
  return Number(value)
}

/** Parses `--timestamp` (ISO 8601 or epoch milliseconds). */
export function parseTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--timestamp must be ISO 8601 (e.g. 2024-06-30T12:00:00Z) or epoch ms (got '${value}')`,
    )
  }
  return ms
}

/**
 * The command's options with `--version` filled in from the global options: the program owns the
 * `--version` flag (it prints pitwall's version when given alone), so `--version N` after a
 * `table` command arrives as a global option value.
 */
export function withVersion<T extends { version?: string }>(local: T, cmd: Command): T {
  const global = cmd.optsWithGlobals<{ version?: unknown }>().version
  return typeof global === 'string' && local.version === undefined
    ? { ...local, version: global }
    : local
}
