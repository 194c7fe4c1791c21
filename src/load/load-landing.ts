/**
 * @module load/load-landing
 * `pitwall load`: every landing file not yet loaded becomes rows of its `bronze_<endpoint>` table
 * in the target catalog. The files of one table go in batches, one Delta commit per batch, each
 * file with its own `txn` in that commit (`load-batch.ts`): a file is in a table exactly once
 * whatever happens — a re-run skips it, a crash before the commit leaves nothing, a concurrent
 * load of the same file loses the commit race and skips it. Bad files are quarantined, files that
 * disappear are reported, and the good files around them load. Then the load log is appended.
 *
 * Storage comes from the caller (`stores`, the CLI's `objectStoreFor`), as does the engine.
 */
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Logger, Progress } from '../core/index.js'
import { bronzeTableOf, LANDING_DIR, NO_PROGRESS, SILENT_LOGGER } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import type { ObjectStoreFactory } from '../lake/index.js'
import { listLandingFiles, PARTITIONED_TABLES, type LandingFile } from './landing-files.js'
import { readManifestCounts } from './landing-manifest.js'
import { LOAD_LOG_TABLE, syncLoadLog, type LoadLogEntry } from './load-log.js'
import {
  totalsOf,
  type LoadReport,
  type TableLoadResult,
  type VanishedFile,
} from './load-report.js'
import { loadTable } from './load-table.js'
import { quarantineFile, type QuarantinedFile } from './quarantine.js'

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
  /** The process's engine (reads JSON, writes Parquet). */
  readonly engine: Engine
  /** The object store of a table's location (the composition root's `objectStoreFor`). */
  readonly stores: ObjectStoreFactory
  readonly logger?: Logger
  /** Told once per batch how many files it settled (label `load`, unit `files`). */
  readonly progress?: Progress
  /** Clock (tests). */
  readonly now?: () => Date
  /** Only these endpoints (default: all found). */
  readonly endpoints?: readonly string[]
  /** Most landing bytes in one commit (default 1 GiB). */
  readonly maxBatchBytes?: number
}

/** Resolves a table of the target catalog. */
export type TableLocator = (
  schema: 'bronze_raw' | 'system',
  table: string,
) => { readonly name: string; readonly path: string }

/** Delta table properties. */
export type TableProperties = Readonly<Record<string, string>>

/** Default {@link LoadLandingOptions.maxBatchBytes}: a few races of telemetry per commit. */
export const DEFAULT_MAX_BATCH_BYTES = 1024 ** 3

/** Loads the landing zone into the catalog's bronze tables; never throws for a bad file. */
export async function loadLanding(options: LoadLandingOptions): Promise<LoadReport> {
  const started = performance.now()
  const now = options.now ?? (() => new Date())
  const runId = randomUUID()
  const startedAt = now()
  const logger = options.logger ?? SILENT_LOGGER
  const landingDir = join(options.home, LANDING_DIR)
  const manifest = readManifestCounts(landingDir)
  const warnings = manifest.warning === undefined ? [] : [manifest.warning]
  for (const w of warnings) logger.warn(w)
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
  const vanished: VanishedFile[] = []
  for (const [table, files] of byTable) {
    const location = options.locate('bronze_raw', table)
    const endpoint = files[0]?.endpoint ?? ''
    tables.push(
      await loadTable({
        engine: options.engine,
        store: options.stores(location.path),
        qualified: location.name,
        endpoint,
        files,
        partitionColumns: PARTITIONED_TABLES.has(table) ? ['batch_day'] : [],
        configuration: { ...options.properties.bronze_raw, 'pitwall.endpoint': endpoint },
        manifest,
        maxBatchBytes: options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
        now,
        logger,
        quarantine: async (file, reason) => {
          const q = await quarantineFile(landingDir, file, reason, now())
          if (q === undefined) {
            vanished.push({ sourceFile: file.sourceFile, reason: vanishedReason })
            return
          }
          quarantined.push(q)
          logger.warn(`quarantined ${file.sourceFile}: ${reason}`)
        },
        vanished: (file) => {
          vanished.push({ sourceFile: file.sourceFile, reason: vanishedReason })
          logger.warn(`${file.sourceFile} disappeared during the load: not loaded`)
        },
        onBatch: (n) => task.tick(n, table),
      }),
    )
  }
  task.done()
  const logError = await writeLoadLog(options, tables, runId, now, startedAt)
  if (logError !== undefined) logger.error(`could not write the load log: ${logError}`)
  const failed = tables.some((t) => t.status === 'failed' || !t.reconciled)
  return {
    runId,
    catalog: options.catalog,
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - started) / 1000,
    landingFiles: all.length,
    tables,
    quarantined,
    vanished,
    warnings,
    hasFailures: failed || quarantined.length > 0 || vanished.length > 0 || logError !== undefined,
    totals: totalsOf(tables),
    ...(logError === undefined ? {} : { loadLogError: logError }),
  }
}

const vanishedReason =
  'deleted or moved while the load ran (not loaded; if it was quarantined by a concurrent load, see landing/_quarantine/)'

/** Appends this run's files to the load log; the error message when it could not. */
async function writeLoadLog(
  options: LoadLandingOptions,
  tables: readonly TableLoadResult[],
  runId: string,
  now: () => Date,
  startedAt: Date,
): Promise<string | undefined> {
  const entries: LoadLogEntry[] = tables.flatMap((t) =>
    t.files.map((f) => ({
      sourceFile: f.sourceFile,
      endpoint: t.endpoint,
      table: t.table,
      tableVersion: f.version,
      sequence: f.sequence,
      records: f.records,
      rowsRescued: f.rowsRescued,
      newColumns: f.newColumns,
    })),
  )
  try {
    await syncLoadLog({
      engine: options.engine,
      stores: options.stores,
      location: options.locate('system', LOAD_LOG_TABLE),
      locate: (qualified) => {
        const table = qualified.split('.').at(-1) ?? qualified
        return options.locate('bronze_raw', table).path
      },
      properties: options.properties.system,
      entries,
      tables: tables.map((t) => t.table),
      runId,
      now,
      healBefore: startedAt,
    })
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
