/**
 * @module cli/actions/table-scan
 * `pitwall table scan <table>`: the rows at the latest version, or time travel with `--version`
 * or `--timestamp`.
 */
import { loadSnapshot, scanSql } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import {
  parseLimit,
  parseTimestamp,
  parseVersion,
  printRows,
  rowFormatOf,
  withTable,
} from '../wiring/table-target.js'

interface ScanFlags {
  version?: string
  timestamp?: string
  limit?: string
  format?: string
}

/** Runs `pitwall table scan`. */
export async function run(ctx: CliContext, { args, opts }: ActionInput<ScanFlags>): Promise<void> {
  const format = rowFormatOf(ctx, opts.format)
  const version = parseVersion(opts.version)
  const timestamp = parseTimestamp(opts.timestamp)
  const limit = parseLimit(opts.limit)
  await withTable(ctx, String(args[0]), async ({ store, executor }) => {
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
      rows,
      format,
    )
  })
}
