/**
 * @module load/load-log
 * The load log, `<catalog>.system.load_log`: which landing file went to which bronze table
 * version, with its record counts. The truth is the `txn` action in each bronze commit (written
 * atomically with the data); this table is its queryable copy. It is appended after the data
 * commits and healed on every load: a file whose `txn` is in a bronze table but not in the log (a
 * crash between the two) is found in the table's commits and logged then, marked `healed`.
 */
import { sqlString } from '../core/index.js'
import {
  LogStore,
  NotADeltaTableError,
  loadSnapshot,
  scanSql,
  writeTable,
  type ObjectStore,
  type ObjectStoreFactory,
} from '../lake/index.js'
import type { Engine } from '../engine/index.js'
import { LOAD_APP_PREFIX, readLoadedFiles } from './bronze-state.js'
import { isLostRace } from './lost-race.js'

/** One logged file. */
export interface LoadLogEntry {
  readonly sourceFile: string
  readonly endpoint: string
  /** Three-level name of the bronze table. */
  readonly table: string
  readonly tableVersion: number | null
  readonly sequence: number
  readonly records: number | null
  readonly rowsRescued: number | null
  readonly newColumns: readonly string[]
}

/** The load log's table name in a catalog. */
export const LOAD_LOG_TABLE = 'load_log'

/** Options of {@link syncLoadLog}. */
export interface SyncLoadLogOptions {
  readonly engine: Engine
  /** The object store of a table's location. */
  readonly stores: ObjectStoreFactory
  /** The load log table. */
  readonly location: { readonly name: string; readonly path: string }
  /** The path of a bronze table given its three-level name. */
  readonly locate: (table: string) => string
  /** Properties of the load log table when it is created. */
  readonly properties: Readonly<Record<string, string>>
  /** Files this run committed. */
  readonly entries: readonly LoadLogEntry[]
  /** Bronze tables (three-level names) to heal. */
  readonly tables: readonly string[]
  readonly runId: string
  readonly now: () => Date
  /**
   * Only commits older than this are healed: newer ones may belong to a concurrent load that
   * logs them itself.
   */
  readonly healBefore: Date
}

/** The `txn` app id that serialises writers of the load log. */
export const LOAD_LOG_APP = 'pitwall-load-log'

const MAX_ATTEMPTS = 8

/**
 * Appends this run's entries plus any healed ones; returns how many rows were written. Writers
 * are serialised optimistically through a `txn` (app {@link LOAD_LOG_APP}, version + 1 per
 * append): a concurrent load that appended first makes this one re-read and skip what it logged,
 * so a file is logged once.
 */
export async function syncLoadLog(options: SyncLoadLogOptions): Promise<number> {
  const store = options.stores(options.location.path)
  for (let attempt = 1; ; attempt++) {
    const { logged, txnVersion } = await readLog(options.engine, store)
    const rows = await rowsToLog(options, logged)
    if (rows.length === 0) return 0
    try {
      const result = await writeTable({
        store,
        executor: options.engine,
        sql: valuesSql(rows, options.runId, options.now().toISOString()),
        mode: 'append',
        configuration: options.properties,
        txn: { appId: LOAD_LOG_APP, version: txnVersion + 1 },
      })
      if (!result.metrics.skipped) return rows.length
    } catch (error) {
      if (!isLostRace(error) || attempt >= MAX_ATTEMPTS) throw error
    }
  }
}

async function rowsToLog(
  options: SyncLoadLogOptions,
  logged: ReadonlySet<string>,
): Promise<(LoadLogEntry & { healed: boolean })[]> {
  const rows: (LoadLogEntry & { healed: boolean })[] = []
  const fresh = new Set(options.entries.map((e) => `${e.table}|${e.sourceFile}`))
  for (const e of options.entries) {
    if (!logged.has(`${e.table}|${e.sourceFile}`)) rows.push({ ...e, healed: false })
  }
  for (const table of options.tables) {
    const bronze = options.stores(options.locate(table))
    const loadedFiles = await readLoadedFiles(bronze, options.engine)
    const missing = [...loadedFiles].filter(
      (f) => !logged.has(`${table}|${f}`) && !fresh.has(`${table}|${f}`),
    )
    if (missing.length === 0) continue
    for (const e of await findCommits(bronze, table, missing, options.healBefore.getTime())) {
      rows.push({ ...e, healed: true })
    }
  }
  return rows
}

function valuesSql(
  rows: readonly (LoadLogEntry & { healed: boolean })[],
  runId: string,
  at: string,
): string {
  const values = rows
    .map(
      (r) =>
        `(${[
          sqlString(r.sourceFile),
          sqlString(r.endpoint),
          sqlString(r.table),
          r.tableVersion ?? 'NULL',
          r.sequence,
          r.records ?? 'NULL',
          r.rowsRescued ?? 'NULL',
          `[${r.newColumns.map(sqlString).join(', ')}]::VARCHAR[]`,
          sqlString(runId),
          `${sqlString(at)}::TIMESTAMPTZ`,
          r.healed,
        ].join(', ')})`,
    )
    .join(',\n')
  return `SELECT * FROM (VALUES ${values}) AS t(source_file, endpoint, table_name, table_version, file_sequence, records, rows_rescued, new_columns, run_id, loaded_at, healed)`
}

async function readLog(
  engine: Engine,
  store: ObjectStore,
): Promise<{ logged: Set<string>; txnVersion: number }> {
  try {
    const snapshot = await loadSnapshot(store, { sql: engine })
    const rows = await engine.all(
      `SELECT table_name, source_file FROM (${await scanSql(snapshot, { sql: engine })})`,
    )
    return {
      logged: new Set(rows.map((r) => `${String(r['table_name'])}|${String(r['source_file'])}`)),
      txnVersion: snapshot.txns.get(LOAD_LOG_APP) ?? 0,
    }
  } catch (error) {
    if (error instanceof NotADeltaTableError) return { logged: new Set(), txnVersion: 0 }
    throw error
  }
}

/**
 * Finds the commits holding the `txn`s of `files`, newest first (a crash leaves recent ones). A
 * commit may hold several files; its row count is known per file only when it holds one.
 */
async function findCommits(
  store: ObjectStore,
  table: string,
  files: readonly string[],
  before: number,
): Promise<LoadLogEntry[]> {
  const log = new LogStore(store)
  const listing = await log.listLog()
  const wanted = new Set(files)
  const found: LoadLogEntry[] = []
  const versions = [...listing.commits.keys()].sort((a, b) => b - a)
  for (const version of versions) {
    if (wanted.size === 0) break
    const actions = await log.readCommit(version)
    let rows: number | null = null
    let committedAt = 0
    const txns: { file: string; sequence: number }[] = []
    for (const a of actions) {
      if ('commitInfo' in a) {
        rows = Number(a.commitInfo.operationMetrics?.['numOutputRows'] ?? NaN)
        committedAt = a.commitInfo.timestamp ?? 0
      }
      if ('txn' in a && a.txn.appId.startsWith(LOAD_APP_PREFIX)) {
        txns.push({ file: a.txn.appId.slice(LOAD_APP_PREFIX.length), sequence: a.txn.version })
      }
    }
    for (const { file, sequence } of txns) {
      if (!wanted.has(file)) continue
      wanted.delete(file)
      if (committedAt >= before) continue
      found.push({
        sourceFile: file,
        endpoint: file.split('/')[0] ?? '',
        table,
        tableVersion: version,
        sequence,
        records: txns.length === 1 && rows !== null && Number.isFinite(rows) ? rows : null,
        rowsRescued: null,
        newColumns: [],
      })
    }
  }
  // Commits already removed by log cleanup: the version is no longer known.
  if (listing.commits.size > 0 && Math.min(...listing.commits.keys()) === 0) return found
  for (const f of wanted) {
    found.push({
      sourceFile: f,
      endpoint: f.split('/')[0] ?? '',
      table,
      tableVersion: null,
      sequence: 0,
      records: null,
      rowsRescued: null,
      newColumns: [],
    })
  }
  return found
}
