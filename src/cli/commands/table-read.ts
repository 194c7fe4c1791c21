/**
 * @module cli/commands/table-read
 * The reading subcommands of `pitwall table`: `scan` (rows at the latest version, or time travel
 * with `--version`/`--timestamp`), `history` (one line per commit, newest first) and `changes`
 * (the change data feed between two versions).
 */
import type { Command } from 'commander'
import { UsageError } from '../../core/index.js'
import { changesSql, history, loadSnapshot, scanSql } from '../../lake/index.js'
import type { CliContext } from '../context.js'
import { formatRows, isRowFormat, ROW_FORMATS, type RowFormat } from '../sql-format.js'
import {
  parseTimestamp,
  parseVersion,
  printableRows,
  withTable,
  withVersion,
} from './table-target.js'

function formatOf(ctx: CliContext, value: string | undefined): RowFormat {
  const format = value ?? (ctx.json ? 'json' : 'table')
  if (!isRowFormat(format))
    throw new UsageError(`--format must be one of ${ROW_FORMATS.join(', ')} (got '${format}')`)
  return format
}

function printRows(
  ctx: CliContext,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  format: RowFormat,
): void {
  const text = formatRows(columns, rows, format)
  if (ctx.json && format === 'json') ctx.emit(rows, text)
  else ctx.io.stdout.write(text)
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value))
    throw new UsageError(`--limit must be a non-negative integer (got '${value}')`)
  return Number(value)
}

/** Registers `table scan`, `table history` and `table changes` under `table`. */
export function registerTableRead(table: Command, context: () => CliContext): void {
  table
    .command('scan')
    .description('print the rows of a Delta table (time travel with --version or --timestamp)')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option('--version <n>', 'read this version')
    .option('--timestamp <t>', 'read the version current at this time (ISO 8601 or epoch ms)')
    .option('--limit <n>', 'at most this many rows')
    .option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)
    .action(
      async (
        name: string,
        local: { version?: string; timestamp?: string; limit?: string; format?: string },
        cmd: Command,
      ) => {
        const opts = withVersion(local, cmd)
        const ctx = context()
        const format = formatOf(ctx, opts.format)
        const version = parseVersion(opts.version)
        const timestamp = parseTimestamp(opts.timestamp)
        const limit = parseLimit(opts.limit)
        await withTable(ctx, name, async ({ store, executor }) => {
          const snapshot = await loadSnapshot(store, {
            sql: executor,
            ...(version === undefined ? {} : { version }),
            ...(timestamp === undefined ? {} : { timestamp }),
          })
          const sql = await scanSql(snapshot, { sql: executor })
          const rows = await executor.all(
            `SELECT * FROM (${sql})${limit === undefined ? '' : ` LIMIT ${limit}`}`,
          )
          ctx.logger.debug('scan', {
            version: snapshot.version,
            files: snapshot.files.size,
            rows: rows.length,
          })
          printRows(
            ctx,
            snapshot.schema.fields.map((f) => f.name),
            printableRows(rows),
            format,
          )
        })
      },
    )

  table
    .command('history')
    .description('print the commits of a Delta table, newest first')
    .argument('<table>', 'a table path or catalog.schema.table')
    .option('--limit <n>', 'only the newest n commits')
    .option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)
    .action(async (name: string, opts: { limit?: string; format?: string }) => {
      const ctx = context()
      const format = formatOf(ctx, opts.format)
      const limit = parseLimit(opts.limit)
      await withTable(ctx, name, async ({ store }) => {
        const entries = await history(store, limit === undefined ? {} : { limit })
        const rows = entries.map((e) => ({
          version: e.version,
          timestamp: new Date(e.timestamp).toISOString(),
          operation: e.operation ?? null,
          operationParameters: e.commitInfo.operationParameters ?? null,
          operationMetrics: e.commitInfo.operationMetrics ?? null,
          readVersion: e.commitInfo.readVersion ?? null,
          engineInfo: e.commitInfo.engineInfo ?? null,
        }))
        const columns = [
          'version',
          'timestamp',
          'operation',
          'operationParameters',
          'operationMetrics',
          'readVersion',
          'engineInfo',
        ]
        printRows(ctx, columns, rows, format)
      })
    })

  table
    .command('changes')
    .description(
      'print the change data feed of a Delta table between two versions (needs delta.enableChangeDataFeed)',
    )
    .argument('<table>', 'a table path or catalog.schema.table')
    .option('--from <n>', 'first version (inclusive); default 0')
    .option('--to <n>', 'last version (inclusive); default the latest')
    .option('--version <n>', 'only the changes of this one version')
    .option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)
    .action(
      async (
        name: string,
        local: { from?: string; to?: string; version?: string; format?: string },
        cmd: Command,
      ) => {
        const opts = withVersion(local, cmd)
        const ctx = context()
        const format = formatOf(ctx, opts.format)
        const one = parseVersion(opts.version)
        const start = one ?? parseVersion(opts.from) ?? 0
        const end = one ?? parseVersion(opts.to)
        await withTable(ctx, name, async ({ store, executor }) => {
          const sql = await changesSql(store, {
            start,
            sql: executor,
            ...(end === undefined ? {} : { end }),
          })
          const rows = await executor.all(`SELECT * FROM (${sql}) ORDER BY _commit_version`)
          const columns =
            rows.length > 0
              ? Object.keys(rows[0] ?? {})
              : (await executor.all(`DESCRIBE ${sql}`)).map((r) => String(r['column_name']))
          printRows(ctx, columns, printableRows(rows), format)
        })
      },
    )
}
