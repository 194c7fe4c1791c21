/**
 * @module lake/operations/copy-on-write
 * Copy-on-write rewriting shared by DELETE and `replaceWhere`: count, per live file, the rows a
 * predicate matches; drop files where every row matches, rewrite files where some do (keeping the
 * rows the predicate is not TRUE for — NULL keeps the row, as SQL DELETE), leave the rest alone.
 * A predicate on partition columns only (`session_key = 9999`) is decided from the partition
 * values in the log: matching files go whole, no data file is read (a per-session replace costs
 * the session, not the table).
 * Rows hidden by a file's deletion vector stay deleted (the scan filters them). With CDF on, the
 * removed rows are written as `delete` change data.
 */
import type { Action, AddAction } from '../protocol/actions.js'
import type { Snapshot } from '../snapshot.js'
import { writeDataFiles } from '../write/data-writer.js'
import { fileScanSql, FILE_COLUMN, scanFileId } from '../write/file-scan.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { StructField } from '../protocol/schema.js'
import { partitionValueSql, rawPartitionValue } from '../read/partition-values.js'
import { parseStats } from '../read/stats.js'
import { cdfEnabled } from './writer-protocol.js'
import { removeOf, type TableTarget } from './transaction.js'

/** What a copy-on-write pass produced. */
export interface CopyOnWriteResult {
  readonly actions: Action[]
  /** Files the predicate was evaluated on (read set for conflict detection). */
  readonly filesRead: readonly AddAction[]
  readonly filesRemoved: number
  readonly filesAdded: number
  readonly rowsRemoved: number
  readonly rowsCopied: number
}

/**
 * Removes the rows matching `predicate` (SQL over the table's columns) from `files`.
 * @param files the live files to consider (default: all).
 */
export async function removeMatchingRows(
  target: TableTarget,
  snapshot: Snapshot,
  predicate: string,
  files: readonly AddAction[] = snapshot.addActions,
): Promise<CopyOnWriteResult> {
  const scanOptions = {
    executor: target.executor,
    store: target.store,
    schema: snapshot.schema,
    partitionColumns: snapshot.partitionColumns,
  }
  const byPartition = await matchByPartitionValues(target.executor, snapshot, predicate, files)
  const whole: AddAction[] = []
  const partial: AddAction[] = []
  let rowsRemoved = 0
  let rowsCopied = 0
  if (byPartition !== undefined) {
    // Decided from the log: every row of a matching file matches, no file is read.
    whole.push(...byPartition)
    rowsRemoved = await liveRows(target, snapshot, byPartition)
  } else {
    const scan = await fileScanSql({ ...scanOptions, files })
    const counts = await target.executor.all(
      `SELECT ${FILE_COLUMN} AS f, count(*) FILTER (WHERE (${predicate}) IS TRUE) AS hit, count(*) AS n ` +
        `FROM (${scan}) GROUP BY 1`,
    )
    const byPath = new Map(files.map((f) => [scanFileId(target.store, f), f]))
    for (const row of counts) {
      const hit = Number(row['hit'])
      const n = Number(row['n'])
      const file = byPath.get(String(row['f']))
      if (file === undefined || hit === 0) continue
      rowsRemoved += hit
      if (hit === n) whole.push(file)
      else {
        partial.push(file)
        rowsCopied += n - hit
      }
    }
  }
  // A file whose rows are all hidden by its DV scans as zero rows: nothing to remove there.
  const touched = [...whole, ...partial]
  const actions: Action[] = touched.map((f) => ({ remove: removeOf(f) }))
  let added: AddAction[] = []
  if (partial.length > 0) {
    const partialScan = await fileScanSql({ ...scanOptions, files: partial, withFile: false })
    const columns = snapshot.schema.fields
      .map((f) => `"${f.name.replaceAll('"', '""')}"`)
      .join(', ')
    added = await writeDataFiles({
      ...scanOptions,
      sql: `SELECT ${columns} FROM (${partialScan}) WHERE (${predicate}) IS NOT TRUE`,
      configuration: snapshot.configuration,
    })
    actions.push(...added.map((add) => ({ add })))
  }
  if (cdfEnabled(snapshot.metadata) && touched.length > 0) {
    const touchedScan = await fileScanSql({ ...scanOptions, files: touched, withFile: false })
    const columns = snapshot.schema.fields
      .map((f) => `"${f.name.replaceAll('"', '""')}"`)
      .join(', ')
    const cdc = await writeCdcFiles({
      ...scanOptions,
      sql: `SELECT ${columns}, ${sqlString('delete')} AS _change_type FROM (${touchedScan}) WHERE (${predicate}) IS TRUE`,
    })
    actions.push(...cdc.map((c) => ({ cdc: c })))
  }
  return {
    actions,
    filesRead: files,
    filesRemoved: touched.length,
    filesAdded: added.length,
    rowsRemoved,
    rowsCopied,
  }
}

/**
 * The files whose partition values satisfy `predicate`, when it refers to partition columns only:
 * it is evaluated once per file over a `VALUES` table of typed partition values (no data read).
 * `undefined` when the table is unpartitioned or the predicate needs other columns (DuckDB cannot
 * bind it there), and the rows must be scanned.
 */
async function matchByPartitionValues(
  executor: SqlExecutor,
  snapshot: Snapshot,
  predicate: string,
  files: readonly AddAction[],
): Promise<AddAction[] | undefined> {
  const columns = snapshot.partitionColumns
  if (columns.length === 0 || files.length === 0) return undefined
  const fields = columns.map((c) => snapshot.schema.fields.find((f) => f.name === c))
  if (fields.some((f) => f === undefined)) return undefined
  const rows = files.map((file, i) => {
    const values = fields.map((f) =>
      partitionValueSql(
        rawPartitionValue(file, f as StructField, snapshot.columnMapping),
        (f as StructField).type,
      ),
    )
    return `(${[String(i), ...values].join(', ')})`
  })
  const names = ['"__pw_i"', ...columns.map((c) => sqlIdent(c))].join(', ')
  let hits
  try {
    hits = await executor.all(
      `SELECT "__pw_i" AS i FROM (VALUES ${rows.join(', ')}) AS pv(${names}) WHERE (${predicate}) IS TRUE`,
    )
  } catch {
    return undefined // refers to data columns (or is not valid SQL: the scan reports it)
  }
  return hits.map((r) => files[Number(r['i'])] as AddAction)
}

/** Rows of `files` not deleted by a deletion vector: from stats, else by a scan. */
export async function liveRows(
  target: TableTarget,
  snapshot: Snapshot,
  files: readonly AddAction[],
): Promise<number> {
  let rows = 0
  const unknown: AddAction[] = []
  for (const f of files) {
    const n = parseStats(f.stats)?.numRecords
    if (n === undefined || !Number.isFinite(n)) unknown.push(f)
    else rows += n - (f.deletionVector?.cardinality ?? 0)
  }
  if (unknown.length > 0) {
    const scan = await fileScanSql({
      executor: target.executor,
      store: target.store,
      schema: snapshot.schema,
      partitionColumns: snapshot.partitionColumns,
      files: unknown,
      withFile: false,
    })
    const counted = await target.executor.all(`SELECT count(*) AS n FROM (${scan})`)
    rows += Number(counted[0]?.['n'] ?? 0)
  }
  return rows
}
