/**
 * @module load/load-table
 * One bronze table's share of a load: its landing files in batches (a batch is at most
 * `maxBatchBytes` of landing files, so a commit's files are sized for reading without holding a
 * whole season at once), each batch one commit (`load-batch.ts`), and the table's result with
 * the reconciliation records = rows loaded + rows rescued = rows written.
 */
import type { Logger } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import type { ObjectStore } from '../lake/index.js'
import { loadBatch, type BatchRun } from './load-batch.js'
import type { LandingFile } from './landing-files.js'
import type { ManifestCounts } from './landing-manifest.js'
import type { LoadedFile, TableLoadResult } from './load-report.js'

/** What loading one table needs. */
export interface TableRun {
  readonly engine: Engine
  readonly store: ObjectStore
  /** Three-level name of the table. */
  readonly qualified: string
  readonly endpoint: string
  readonly files: readonly LandingFile[]
  readonly partitionColumns: readonly string[]
  readonly configuration: Readonly<Record<string, string>>
  readonly manifest: ManifestCounts
  readonly maxBatchBytes: number
  readonly now: () => Date
  readonly logger: Logger
  quarantine(file: LandingFile, reason: string): Promise<void>
  vanished(file: LandingFile): void
  /** Called after each batch with the number of files it settled. */
  onBatch(files: number): void
}

/**
 * Splits files (in load order) into batches of at most `maxBytes` (at least one file each); with
 * `byDay`, a batch never mixes `batch_day`s, so a partitioned table's commit writes one partition.
 */
export function batchesOf(
  files: readonly LandingFile[],
  maxBytes: number,
  byDay = false,
): LandingFile[][] {
  const batches: LandingFile[][] = []
  let current: LandingFile[] = []
  let bytes = 0
  for (const f of files) {
    const newDay = byDay && current.length > 0 && current[0]?.batchDay !== f.batchDay
    if (current.length > 0 && (newDay || bytes + f.bytes > maxBytes)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(f)
    bytes += f.bytes
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Loads the table's files; a table that cannot be written ends `failed`, never throws. */
export async function loadTable(run: TableRun): Promise<TableLoadResult> {
  const batchRun: BatchRun = run
  const loaded: LoadedFile[] = []
  let alreadyLoaded = 0
  let written = 0
  let retries = 0
  let commits = 0
  let version: number | undefined
  let error: string | undefined
  const byDay = run.partitionColumns.includes('batch_day')
  for (const batch of batchesOf(run.files, run.maxBatchBytes, byDay)) {
    try {
      const result = await loadBatch(batchRun, batch)
      loaded.push(...result.loaded)
      alreadyLoaded += result.alreadyLoaded
      written += result.rowsWritten
      retries += result.retries
      if (result.version !== undefined) {
        version = result.version
        commits++
      }
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause)
      run.logger.error(`loading ${run.qualified} failed: ${error}`)
    } finally {
      run.onBatch(batch.length)
    }
    if (error !== undefined) break
  }
  const records = loaded.reduce((n, f) => n + f.records, 0)
  const rescued = loaded.reduce((n, f) => n + f.rowsRescued, 0)
  const perFileOk = loaded.every((f) => f.rowsWritten === f.records)
  return {
    table: run.qualified,
    endpoint: run.endpoint,
    status: error !== undefined ? 'failed' : loaded.length > 0 ? 'loaded' : 'up-to-date',
    ...(version === undefined ? {} : { version }),
    files: loaded,
    commits,
    alreadyLoaded,
    records,
    rowsLoaded: written - rescued,
    rowsRescued: rescued,
    rowsWritten: written,
    newColumns: loaded.flatMap((f) => f.newColumns),
    reconciled: perFileOk && written === records,
    retries,
    ...(error === undefined ? {} : { error }),
  }
}
