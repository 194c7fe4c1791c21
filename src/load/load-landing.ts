/**
 * @module load/load-landing
 * `pitwall load`: every landing file not yet loaded becomes rows of its `bronze_<endpoint>` table
 * in the target catalog, one Delta commit per file. The commit carries a `txn` action
 * (app id `pitwall-load:<file>`, version = the file's sequence in the table), so a file is in a
 * table exactly once whatever happens: a re-run skips it, a crash before the commit leaves
 * nothing, and a concurrent load of the same file loses the commit race and skips it too.
 *
 * ```
 *  landing/<endpoint>/*.json ──► stage (read_json_objects, profile keys, evolve schema, type or
 *        │                        rescue each value) ──► writeTable(append, mergeSchema, txn)
 *        └─ malformed ──► landing/_quarantine/<endpoint>/ + .error.json (run goes on, exit 1)
 * ```
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Logger, Progress } from '../core/index.js'
import { NO_PROGRESS, SILENT_LOGGER } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import { LocalObjectStore, sqlIdent, writeTable } from '../lake/index.js'
import { isLostRace } from './lost-race.js'
import { readBronzeState, loadAppId, type BronzeTableState } from './bronze-state.js'
import {
  bronzeTableOf,
  LANDING_DIR,
  listLandingFiles,
  PARTITIONED_TABLES,
  type LandingFile,
} from './landing-files.js'
import { MalformedFileError } from './load-errors.js'
import { totalsOf, type LoadedFile, type LoadReport, type TableLoadResult } from './load-report.js'
import { quarantineFile, type QuarantinedFile } from './quarantine.js'
import { stageFile } from './stage-file.js'
import { LOAD_LOG_TABLE, syncLoadLog, type LoadLogEntry } from './load-log.js'

/** Options of {@link loadLanding}. */
export interface LoadLandingOptions {
  /** Lakehouse home (landing zone and tables). */
  readonly home: string
  /** Target catalog, e.g. `dev_f1_data_analytics`. */
  readonly catalog: string
  /**
   * Where a table of the catalog lives and its three-level name (the catalog layer's naming,
   * wired in by the caller since load may not import catalog).
   */
  readonly locate: TableLocator
  /** Table properties of new tables per schema (the catalog's per-layer properties). */
  readonly properties: { readonly bronze_raw: TableProperties; readonly system: TableProperties }
  /** The process's engine (stages JSON, writes Parquet). */
  readonly engine: Engine
  readonly logger?: Logger
  readonly progress?: Progress
  /** Clock (tests). */
  readonly now?: () => Date
  /** Only these endpoints (default: all found). */
  readonly endpoints?: readonly string[]
}

/** Resolves a table of the target catalog. */
export type TableLocator = (
  schema: 'bronze_raw' | 'system',
  table: string,
) => { readonly name: string; readonly path: string }

/** Delta table properties. */
export type TableProperties = Readonly<Record<string, string>>

const MAX_ATTEMPTS = 5

/** Loads the landing zone into the catalog's bronze tables; never throws for a bad file. */
export async function loadLanding(options: LoadLandingOptions): Promise<LoadReport> {
  const started = performance.now()
  const now = options.now ?? (() => new Date())
  const runId = randomUUID()
  const startedAt = now()
  const logger = options.logger ?? SILENT_LOGGER
  const landingDir = join(options.home, LANDING_DIR)
  const all = listLandingFiles(landingDir).filter(
    (f) => options.endpoints === undefined || options.endpoints.includes(f.endpoint),
  )
  const byTable = new Map<string, LandingFile[]>()
  for (const f of all) {
    const t = bronzeTableOf(f.endpoint)
    byTable.set(t, [...(byTable.get(t) ?? []), f])
  }
  const task = (options.progress ?? NO_PROGRESS).start('load', all.length, 'files')
  const tables: TableLoadResult[] = []
  const quarantined: QuarantinedFile[] = []
  const logEntries: LoadLogEntry[] = []
  for (const [table, files] of byTable) {
    try {
      tables.push(
        await loadTable({
          ...options,
          landingDir,
          table,
          files,
          runId,
          now,
          logger,
          onFile: (f) => task.tick(1, f),
          onQuarantine: (q) => quarantined.push(q),
          onCommitted: (e) => logEntries.push(e),
        }),
      )
    } catch (error) {
      // The table itself is unusable (e.g. a corrupt log): report it, load the other tables.
      const message = error instanceof Error ? error.message : String(error)
      logger.error(`bronze table ${table} failed: ${message}`)
      tables.push(failedTable(options.locate('bronze_raw', table).name, files, message))
    }
  }
  task.done()
  let logError: string | undefined
  try {
    await syncLoadLog({
      engine: options.engine,
      location: options.locate('system', LOAD_LOG_TABLE),
      locate: (qualified) => {
        const table = qualified.split('.').at(-1) ?? qualified
        return options.locate('bronze_raw', table).path
      },
      properties: options.properties.system,
      entries: logEntries,
      tables: tables.map((t) => t.table),
      runId,
      now,
      healBefore: startedAt,
    })
  } catch (error) {
    logError = error instanceof Error ? error.message : String(error)
    logger.error(`could not write the load log: ${logError}`)
  }
  const failed = tables.some((t) => t.status === 'failed' || !t.reconciled)
  return {
    runId,
    catalog: options.catalog,
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - started) / 1000,
    tables,
    quarantined,
    hasFailures: failed || quarantined.length > 0 || logError !== undefined,
    totals: totalsOf(tables),
    ...(logError === undefined ? {} : { loadLogError: logError }),
  }
}

interface TableRun extends LoadLandingOptions {
  readonly landingDir: string
  readonly table: string
  readonly files: readonly LandingFile[]
  readonly runId: string
  readonly now: () => Date
  readonly logger: Logger
  onFile(sourceFile: string): void
  onQuarantine(q: QuarantinedFile): void
  onCommitted(entry: LoadLogEntry): void
}

async function loadTable(run: TableRun): Promise<TableLoadResult> {
  const { name: qualified, path } = run.locate('bronze_raw', run.table)
  const endpoint = run.files[0]?.endpoint ?? ''
  const loaded: LoadedFile[] = []
  const newColumns: string[] = []
  let alreadyLoaded = 0
  let records = 0
  let rescued = 0
  let written = 0
  let retries = 0
  let version: number | undefined
  let error: string | undefined
  let state: BronzeTableState | undefined
  for (const file of run.files) {
    run.onFile(file.sourceFile)
    for (let attempt = 1; ; attempt++) {
      state ??= await readBronzeState(path, run.engine)
      if (state.loadedFiles.has(file.sourceFile)) {
        alreadyLoaded++
        break
      }
      if (!existsSync(file.path)) break // quarantined or moved by a concurrent load
      const stagingTable = `__pitwall_load_${randomUUID().replaceAll('-', '')}`
      try {
        const creating = state.version < 0
        const staged = await stageFile(run.engine, state.schema, {
          path: file.path,
          sourceFile: file.sourceFile,
          batchDay: file.batchDay,
          ingestedAt: run.now().toISOString(),
          stagingTable,
        })
        const sequence = state.lastSequence + 1
        const result = await writeTable({
          store: new LocalObjectStore(path),
          executor: run.engine,
          sql: `SELECT * FROM ${sqlIdent(stagingTable)}`,
          mode: 'append',
          mergeSchema: true,
          partitionColumns: PARTITIONED_TABLES.has(run.table) ? ['batch_day'] : [],
          configuration: { ...run.properties.bronze_raw, 'pitwall.endpoint': endpoint },
          txn: { appId: loadAppId(file.sourceFile), version: sequence },
        })
        if (result.metrics.skipped) {
          // Another load committed this file between our read and our write.
          state = undefined
          alreadyLoaded++
          break
        }
        const added = staged.newColumns.map((c) => c.name)
        if (creating) added.length = 0 // a new table: its first file defines the columns
        loaded.push({
          sourceFile: file.sourceFile,
          sequence,
          records: staged.records,
          rowsRescued: staged.rescuedRows,
          newColumns: added,
        })
        newColumns.push(...added)
        records += staged.records
        rescued += staged.rescuedRows
        written += result.metrics.numOutputRows
        version = result.version
        state = {
          ...state,
          version: result.version,
          loadedFiles: new Set([...state.loadedFiles, file.sourceFile]),
          lastSequence: sequence,
        }
        run.onCommitted({
          sourceFile: file.sourceFile,
          endpoint,
          table: qualified,
          tableVersion: result.version,
          sequence,
          records: staged.records,
          rowsRescued: staged.rescuedRows,
          newColumns: added,
        })
        run.logger.debug(`loaded ${file.sourceFile} → ${qualified}@${result.version}`, {
          records: staged.records,
          rescued: staged.rescuedRows,
        })
        break
      } catch (cause) {
        if (cause instanceof MalformedFileError) {
          if (existsSync(file.path)) {
            const q = await quarantineFile(run.landingDir, file, cause.reason, run.now())
            run.onQuarantine(q)
            run.logger.warn(`quarantined ${file.sourceFile}: ${cause.reason}`)
          }
          // The failed staging may have added columns to the in-memory schema: re-read.
          state = undefined
          break
        }
        if (isLostRace(cause) && attempt < MAX_ATTEMPTS) {
          retries++
          state = undefined
          continue
        }
        error = `${file.sourceFile}: ${cause instanceof Error ? cause.message : String(cause)}`
        run.logger.error(`loading ${file.sourceFile} into ${qualified} failed: ${error}`)
        state = undefined
        break
      } finally {
        await run.engine.run(`DROP TABLE IF EXISTS ${sqlIdent(stagingTable)}`)
      }
    }
    if (error !== undefined) break
  }
  // Rows written without rescued data; `written` comes from the commit's file stats, so the
  // reconciliation below checks the files against what the table really received.
  const rowsLoaded = written - rescued
  return {
    table: qualified,
    endpoint,
    status: error !== undefined ? 'failed' : loaded.length > 0 ? 'loaded' : 'up-to-date',
    ...(version === undefined ? {} : { version }),
    files: loaded,
    alreadyLoaded,
    records,
    rowsLoaded,
    rowsRescued: rescued,
    rowsWritten: written,
    newColumns,
    reconciled: records === rowsLoaded + rescued && written === records,
    retries,
    ...(error === undefined ? {} : { error }),
  }
}

function failedTable(table: string, files: readonly LandingFile[], error: string): TableLoadResult {
  return {
    table,
    endpoint: files[0]?.endpoint ?? '',
    status: 'failed',
    files: [],
    alreadyLoaded: 0,
    records: 0,
    rowsLoaded: 0,
    rowsRescued: 0,
    rowsWritten: 0,
    newColumns: [],
    reconciled: true,
    retries: 0,
    error,
  }
}
