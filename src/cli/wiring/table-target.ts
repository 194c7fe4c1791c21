/**
 * @module cli/wiring/table-target
 * Shared pieces of `pitwall table …`: resolving `<path or catalog.schema.table>` to a table
 * location, opening the object store and a DuckDB executor, the row options (`--format`,
 * `--limit`, `--version`, `--timestamp`) and printing rows.
 */
import { existsSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { UsageError } from '../../core/index.js'
import type { DuckDbEngine } from '../../engine/index.js'
import { LOG_DIR, type TableTarget } from '../../lake/index.js'
import type { CliContext } from '../context.js'
import { formatRows, isRowFormat, ROW_FORMATS, type RowFormat } from '../format/sql-format.js'
import { openDuckDb, storeFor } from './adapters.js'

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

/**
 * Runs `fn` with the table's store and a DuckDB executor that is closed afterwards. A table that
 * does not exist is a usage error (exit 2) that says where pitwall looked.
 */
export async function withTable<T>(
  ctx: CliContext,
  table: string,
  fn: (target: TableTarget & { executor: DuckDbEngine }, dir: string) => Promise<T>,
): Promise<T> {
  const dir = resolveTableDir(ctx, table)
  if (!existsSync(join(dir, LOG_DIR))) {
    throw new UsageError(`no Delta table at ${dir} (no ${LOG_DIR} folder)`, {
      hint: `List the tables with: pitwall sql "select table_catalog, table_schema, table_name from information_schema.tables"`,
    })
  }
  const executor = await openDuckDb()
  try {
    return await fn({ store: storeFor(dir), executor }, dir)
  } finally {
    await executor.close()
  }
}

/** `--format`, defaulting to json with `--json` and a table otherwise. */
export function rowFormatOf(ctx: CliContext, value: string | undefined): RowFormat {
  const format = value ?? (ctx.json ? 'json' : 'table')
  if (!isRowFormat(format))
    throw new UsageError(`--format must be one of ${ROW_FORMATS.join(', ')} (got '${format}')`)
  return format
}

/** Prints rows in `format` (through `emit` for `--json`, so JSON output stays one document). */
export function printRows(
  ctx: CliContext,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  format: RowFormat,
): void {
  const text = formatRows(columns, rows, format)
  if (ctx.json && format === 'json') ctx.emit(rows, text)
  else ctx.io.stdout.write(text)
}

/** Parses `--limit`. */
export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value))
    throw new UsageError(`--limit must be a non-negative integer (got '${value}')`)
  return Number(value)
}

/** Parses `--version` (and `--from`/`--to`, named by `option`). */
export function parseVersion(value: string | undefined, option = '--version'): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value))
    throw new UsageError(`${option} must be a non-negative integer (got '${value}')`)
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
