/**
 * @module cli/actions/table-changes
 * `pitwall table changes <table>`: the change data feed between two versions. Without `--from`
 * it starts at the first version from which `delta.enableChangeDataFeed` has been on (a table
 * built by a model turns it on in a later commit than its creation, as Databricks' `ALTER TABLE`
 * would), so the defaults work on every CDF table.
 */
import { UsageError } from '../../core/index.js'
import { changesSql, LogStore, type ObjectStore } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { parseVersion, printRows, rowFormatOf, withTable } from '../wiring/table-target.js'

interface ChangesFlags {
  from?: string
  to?: string
  version?: string
  format?: string
}

const CDF = 'delta.enableChangeDataFeed'

/**
 * The first version of the last stretch in which the change data feed is on, up to `end`
 * (read backwards through the commits' `metaData`). Undefined when it is off at `end`.
 */
export async function firstCdfVersion(
  store: ObjectStore,
  end?: number,
): Promise<number | undefined> {
  const log = new LogStore(store)
  const listing = await log.listLog()
  const last = end ?? listing.latest
  const available = [...listing.commits.keys()].filter((v) => v <= last).sort((a, b) => b - a)
  let first: number | undefined
  for (const v of available) {
    const meta = (await log.readCommit(v)).flatMap((a) => ('metaData' in a ? [a.metaData] : []))
    const m = meta[meta.length - 1]
    if (m === undefined) {
      first = v
      continue
    }
    if (m.configuration[CDF]?.toLowerCase() !== 'true') return first
    first = v
  }
  // Every commit still in the log had it on (older ones may be cleaned up): start at the oldest.
  return first
}

/** Runs `pitwall table changes`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<ChangesFlags>,
): Promise<void> {
  const name = String(args[0])
  const format = rowFormatOf(ctx, opts.format)
  const one = parseVersion(opts.version)
  const from = parseVersion(opts.from, '--from')
  const to = parseVersion(opts.to, '--to')
  await withTable(ctx, name, async ({ store, executor }) => {
    const end = one ?? to
    let start = one ?? from
    if (start === undefined) {
      start = await firstCdfVersion(store, end)
      if (start === undefined) {
        throw new UsageError(`the change data feed of ${name} is off at its latest version`, {
          hint: `Turn it on with: pitwall table properties ${name} --set ${CDF}=true (changes are recorded from then on)`,
        })
      }
    }
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
    printRows(ctx, columns, rows, format)
  })
}
