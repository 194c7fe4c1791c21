/**
 * @module load/load-batch
 * One batch of landing files of one endpoint → one Delta commit of its bronze table.
 *
 * ```
 *  files ──► shape (1 pass: records, key lists) ──► checks (objects only, manifest count, real
 *    │        `[]`, whole gzip) ──► plan (types, evolution, rescue) ──► writeTable(append,
 *    │        mergeSchema, one txn per file) ──► per-file rows read back from the commit
 *    ├─ unreadable / refused ──► landing/_quarantine/<endpoint>/ + .error.json
 *    └─ gone since listed ──► reported as vanished
 * ```
 *
 * Exactly once: every file of the commit carries its own `txn` (app id `pitwall-load:<file>`,
 * version = the file's sequence in the table) in that same commit, so a file is in its table at
 * most once whatever crashes or concurrent loads happen: a commit that loses the race to one
 * holding any of its files conflicts, re-reads the table and retries with what is left.
 */
import { existsSync } from 'node:fs'
import type { Logger } from '../core/index.js'
import { sqlString } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import { LogStore, normalizePath, writeTable, type ObjectStore } from '../lake/index.js'
import { planBatch } from './batch-plan.js'
import { loadAppId, readBronzeState } from './bronze-state.js'
import { refusalOf } from './file-checks.js'
import { shapeFiles, type FileShape } from './file-shape.js'
import type { LandingFile } from './landing-files.js'
import type { ManifestCounts } from './landing-manifest.js'
import type { LoadedFile } from './load-report.js'
import { isLostRace } from './lost-race.js'

/** What a batch needs. */
export interface BatchRun {
  readonly engine: Engine
  /** The bronze table's store. */
  readonly store: ObjectStore
  readonly endpoint: string
  readonly partitionColumns: readonly string[]
  /** Table properties, used when the load creates the table. */
  readonly configuration: Readonly<Record<string, string>>
  readonly manifest: ManifestCounts
  readonly now: () => Date
  readonly logger: Logger
  /** A file that must not be loaded: move it to quarantine and report it. */
  quarantine(file: LandingFile, reason: string): Promise<void>
  /** A file that disappeared since it was listed. */
  vanished(file: LandingFile): void
}

/** What a batch did. */
export interface BatchResult {
  /** Files this batch committed. */
  readonly loaded: readonly LoadedFile[]
  /** The commit's version, when there was one. */
  readonly version?: number
  /** Files an earlier or concurrent load had already committed. */
  readonly alreadyLoaded: number
  /** Rows the commit added (from its data files' stats). */
  readonly rowsWritten: number
  /** Commits lost to concurrent loads before this one won. */
  readonly retries: number
}

const MAX_ATTEMPTS = 8

/**
 * Loads `files` (one endpoint) in one commit. Throws only when the table cannot be written (the
 * caller reports the table as failed); a bad or vanished file is handled and reported.
 */
export async function loadBatch(
  run: BatchRun,
  files: readonly LandingFile[],
): Promise<BatchResult> {
  const handled = new Set<string>() // quarantined or vanished: not retried
  let retries = 0
  for (let attempt = 1; ; attempt++) {
    const state = await readBronzeState(run.store, run.engine, run.endpoint)
    const alreadyLoaded = files.filter((f) => state.loadedFiles.has(f.sourceFile)).length
    const pending = files.filter(
      (f) => !state.loadedFiles.has(f.sourceFile) && !handled.has(f.sourceFile),
    )
    const none = { loaded: [], alreadyLoaded, rowsWritten: 0, retries }
    if (pending.length === 0) return none
    const accepted = await acceptedShapes(run, pending, handled)
    if (accepted.length === 0) return none
    const plan = await planBatch(run.engine, state.schema, {
      endpoint: run.endpoint,
      shapes: accepted,
      ingestedAt: run.now().toISOString(),
    })
    let written
    try {
      written = await writeTable({
        store: run.store,
        executor: run.engine,
        sql: plan.sql,
        mode: 'append',
        mergeSchema: true,
        partitionColumns: run.partitionColumns,
        ...staticPartition(run, accepted),
        configuration: run.configuration,
        txns: accepted.map((s, i) => ({
          appId: loadAppId(s.file.sourceFile),
          version: state.lastSequence + 1 + i,
        })),
      })
    } catch (cause) {
      const lost = isLostRace(cause)
      // A file deleted while it was being read: the next attempt finds and reports it.
      const gone = accepted.some((s) => !existsSync(s.file.path))
      if ((lost || gone) && attempt < MAX_ATTEMPTS) {
        if (lost) retries++
        continue
      }
      throw cause
    }
    if (written.metrics.skipped) {
      retries++ // a concurrent load committed some of these files first: re-read, load the rest
      continue
    }
    const perFile = await rowsPerFile(run, written.version)
    const creating = state.version < 0 // a new table: its first files define the columns
    const loaded = accepted.map((s, i): LoadedFile => {
      const counts = perFile.get(s.file.sourceFile) ?? { rows: 0, rescued: 0 }
      return {
        sourceFile: s.file.sourceFile,
        version: written.version,
        sequence: state.lastSequence + 1 + i,
        records: s.records,
        rowsWritten: counts.rows,
        rowsRescued: counts.rescued,
        newColumns: creating ? [] : [...(plan.newColumnsOf.get(s.file.sourceFile) ?? [])],
      }
    })
    run.logger.debug(`loaded ${accepted.length} file(s) → version ${written.version}`, {
      endpoint: run.endpoint,
      rows: written.metrics.numOutputRows,
    })
    return {
      loaded,
      version: written.version,
      alreadyLoaded,
      rowsWritten: written.metrics.numOutputRows,
      retries,
    }
  }
}

/**
 * The batch's `batch_day` partition when all its files share one (the loader batches a
 * partitioned table by day): the writer then copies straight into that folder.
 */
function staticPartition(
  run: BatchRun,
  shapes: readonly FileShape[],
): { partitionValues?: Record<string, string> } {
  if (run.partitionColumns.length !== 1 || run.partitionColumns[0] !== 'batch_day') return {}
  const days = new Set(shapes.map((s) => s.file.batchDay))
  const [day] = days
  return days.size === 1 && day !== undefined ? { partitionValues: { batch_day: day } } : {}
}

/** Shapes and checks `files`; quarantines or reports the ones that must not load. */
async function acceptedShapes(
  run: BatchRun,
  files: readonly LandingFile[],
  handled: Set<string>,
): Promise<FileShape[]> {
  const accepted: FileShape[] = []
  for (const outcome of await shapeFiles(run.engine, files)) {
    if (outcome.kind === 'vanished') {
      handled.add(outcome.file.sourceFile)
      run.vanished(outcome.file)
      continue
    }
    const refusal =
      outcome.kind === 'unreadable' ? outcome.reason : await refusalOf(outcome.shape, run.manifest)
    const file = outcome.kind === 'unreadable' ? outcome.file : outcome.shape.file
    if (refusal !== undefined) {
      handled.add(file.sourceFile)
      await run.quarantine(file, refusal)
      continue
    }
    if (outcome.kind === 'shape') accepted.push(outcome.shape)
  }
  return accepted
}

/** Rows and rows with rescued data per source file, read back from the commit's data files. */
async function rowsPerFile(
  run: BatchRun,
  version: number,
): Promise<Map<string, { rows: number; rescued: number }>> {
  const counts = new Map<string, { rows: number; rescued: number }>()
  const localPath = run.store.localPath?.bind(run.store)
  if (localPath === undefined) return counts
  const actions = await new LogStore(run.store).readCommit(version)
  const paths = actions.flatMap((a) => ('add' in a ? [localPath(normalizePath(a.add.path))] : []))
  if (paths.length === 0) return counts
  const rows = await run.engine.all(
    `SELECT _source_file AS f, count(*) AS n, count(_rescued_data) AS r
     FROM read_parquet([${paths.map(sqlString).join(', ')}], hive_partitioning = false) GROUP BY 1`,
  )
  for (const r of rows)
    counts.set(String(r['f']), { rows: Number(r['n']), rescued: Number(r['r']) })
  return counts
}
