/**
 * @module cli/actions/table-history
 * `pitwall table history <table>`: one line per commit, newest first.
 */
import { history } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { parseLimit, printRows, rowFormatOf, withTable } from '../wiring/table-target.js'

const COLUMNS = [
  'version',
  'timestamp',
  'operation',
  'operationParameters',
  'operationMetrics',
  'readVersion',
  'engineInfo',
]

/** Runs `pitwall table history`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ limit?: string; format?: string }>,
): Promise<void> {
  const format = rowFormatOf(ctx, opts.format)
  const limit = parseLimit(opts.limit)
  await withTable(ctx, String(args[0]), async ({ store }) => {
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
    printRows(ctx, COLUMNS, rows, format)
  })
}
