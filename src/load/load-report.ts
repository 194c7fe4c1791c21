/**
 * @module load/load-report
 * What a load did, per table and per file, with the reconciliation the issue asks for: records
 * in the files = rows loaded clean + rows with rescued data, and = rows the commit wrote.
 */
import type { QuarantinedFile } from './quarantine.js'

/** The outcome of one bronze table in a load. */
export interface TableLoadResult {
  /** Three-level name. */
  readonly table: string
  readonly endpoint: string
  /** `loaded` (a commit), `up-to-date` (nothing new), `failed` (nothing committed; see `error`). */
  readonly status: 'loaded' | 'up-to-date' | 'failed'
  /** The table version the files went to. */
  readonly version?: number
  /** Landing files committed by this load. */
  readonly files: readonly LoadedFile[]
  /** Delta commits this load made to the table (several files share one). */
  readonly commits: number
  /** Files skipped because an earlier load already committed them. */
  readonly alreadyLoaded: number
  /** Records in this load's files. */
  readonly records: number
  /** Rows written with every value in its column. */
  readonly rowsLoaded: number
  /** Rows written with at least one value in `_rescued_data`. */
  readonly rowsRescued: number
  /** Rows the commit added (from the data files' stats). */
  readonly rowsWritten: number
  /** Columns this load added to the table. */
  readonly newColumns: readonly string[]
  /** records = rowsLoaded + rowsRescued = rowsWritten. */
  readonly reconciled: boolean
  /** Commits lost to concurrent loads before this one won. */
  readonly retries: number
  readonly error?: string
}

/** One committed file. */
export interface LoadedFile {
  readonly sourceFile: string
  /** The table version of the commit that holds the file. */
  readonly version: number
  /** The file's sequence number in its table (`txn` version). */
  readonly sequence: number
  /** Records in the file. */
  readonly records: number
  /** Rows of the commit that came from this file (read back from its data files). */
  readonly rowsWritten: number
  readonly rowsRescued: number
  readonly newColumns: readonly string[]
}

/** A landing file that disappeared between the listing and its load. */
export interface VanishedFile {
  readonly sourceFile: string
  readonly reason: string
}

/** A whole load. */
export interface LoadReport {
  readonly runId: string
  readonly catalog: string
  readonly startedAt: string
  readonly seconds: number
  /** Landing files found for the selected endpoints (loaded or not). */
  readonly landingFiles: number
  readonly tables: readonly TableLoadResult[]
  readonly quarantined: readonly QuarantinedFile[]
  /** Files that disappeared during the load (deleted, or moved by a concurrent load). */
  readonly vanished: readonly VanishedFile[]
  /** Things to know that did not stop the load (an unreadable extraction manifest). */
  readonly warnings: readonly string[]
  /** Set when the load log could not be written (the data commits stand). */
  readonly loadLogError?: string
  /**
   * True when something needs attention (a quarantined or vanished file, a failed or unreconciled
   * table, an unwritten load log): exit code 1.
   */
  readonly hasFailures: boolean
  readonly totals: {
    readonly files: number
    readonly records: number
    readonly rowsLoaded: number
    readonly rowsRescued: number
    readonly rowsWritten: number
  }
}

/** Sums the per-table figures. */
export function totalsOf(tables: readonly TableLoadResult[]): LoadReport['totals'] {
  const sum = (f: (t: TableLoadResult) => number): number => tables.reduce((n, t) => n + f(t), 0)
  return {
    files: sum((t) => t.files.length),
    records: sum((t) => t.records),
    rowsLoaded: sum((t) => t.rowsLoaded),
    rowsRescued: sum((t) => t.rowsRescued),
    rowsWritten: sum((t) => t.rowsWritten),
  }
}

/** The report for humans. */
export function formatLoadReport(report: LoadReport): string {
  const lines = [`pitwall load → ${report.catalog} (run ${report.runId})`]
  const width = Math.max(10, ...report.tables.map((t) => t.table.length))
  for (const t of report.tables) {
    const mark = t.status === 'failed' || !t.reconciled ? '✘' : t.status === 'loaded' ? '✔' : '·'
    const version = t.version === undefined ? '' : ` v${t.version}`
    const recon = `${t.records} records = ${t.rowsLoaded} loaded + ${t.rowsRescued} rescued${t.reconciled ? '' : ` ≠ ${t.rowsWritten} written (MISMATCH)`}`
    const extra = [
      t.alreadyLoaded > 0 ? `${t.alreadyLoaded} file(s) already loaded` : '',
      t.newColumns.length > 0 ? `new columns: ${t.newColumns.join(', ')}` : '',
      t.retries > 0
        ? `${t.retries} retr${t.retries === 1 ? 'y' : 'ies'} after concurrent loads`
        : '',
      t.error ?? '',
    ].filter((s) => s !== '')
    lines.push(
      `${mark} ${t.table.padEnd(width)} ${t.status.padEnd(10)}${version}  ${t.files.length} file(s)${t.commits > 1 ? ` in ${t.commits} commits` : ''}, ${recon}${extra.length > 0 ? `; ${extra.join('; ')}` : ''}`,
    )
  }
  for (const q of report.quarantined) {
    lines.push(`✘ quarantined ${q.sourceFile} → landing/${q.quarantinedAs}: ${q.reason}`)
  }
  for (const v of report.vanished) lines.push(`✘ vanished ${v.sourceFile}: ${v.reason}`)
  for (const w of report.warnings) lines.push(`! ${w}`)
  if (report.loadLogError !== undefined) {
    lines.push(`✘ the load log was not written: ${report.loadLogError}`)
  }
  const t = report.totals
  const vanished = report.vanished.length > 0 ? `; ${report.vanished.length} vanished` : ''
  lines.push(
    '',
    `${t.files} file(s), ${t.records} records = ${t.rowsLoaded} loaded + ${t.rowsRescued} rescued; ${report.quarantined.length} quarantined${vanished}; ${report.seconds.toFixed(1)}s`,
  )
  return lines.join('\n')
}
