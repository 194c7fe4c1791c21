/**
 * @module pipeline/run-history
 * Reads and appends the run history tables of one catalog (`<catalog>.system.pipeline_runs`,
 * `<catalog>.system.pipeline_assets`; see `history-rows.ts`). Appends are blind Delta appends, so
 * concurrent runs never conflict; reads replay the current snapshot.
 */
import { sqlString } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import {
  NotADeltaTableError,
  loadSnapshot,
  scanSql,
  writeTable,
  type ObjectStoreFactory,
} from '../lake/index.js'
import {
  ASSETS_TABLE,
  RUNS_TABLE,
  assetRowsSql,
  parseAssetRow,
  parseRunRow,
  runRowsSql,
  type AssetRecord,
  type RunRecord,
} from './history-rows.js'

/** Where the history lives and how to reach it. */
export interface RunHistoryOptions {
  readonly engine: Engine
  readonly storeFor: ObjectStoreFactory
  /** The catalog (`dev_f1_data_analytics`). */
  readonly catalog: string
  /** The location of `<catalog>.system.<table>`. */
  readonly locate: (table: string) => string
  /** Properties of the tables when they are created. */
  readonly properties?: Readonly<Record<string, string>>
}

/** The run history of one catalog. */
export class RunHistory {
  constructor(private readonly options: RunHistoryOptions) {}

  /** The catalog whose history this is. */
  get catalog(): string {
    return this.options.catalog
  }

  /** Appends run states. */
  async appendRuns(rows: readonly RunRecord[]): Promise<void> {
    if (rows.length === 0) return
    await this.append(RUNS_TABLE, runRowsSql(rows))
  }

  /** Appends asset rows. */
  async appendAssets(rows: readonly AssetRecord[]): Promise<void> {
    if (rows.length === 0) return
    await this.append(ASSETS_TABLE, assetRowsSql(rows, new Date().toISOString()))
  }

  /** The current state of every run (newest first), or of one. */
  async runs(runId?: string): Promise<RunRecord[]> {
    const where = runId === undefined ? '' : `WHERE run_id = ${sqlString(runId)}`
    const rows = await this.select(
      RUNS_TABLE,
      (scan) =>
        `SELECT * FROM (${scan}) ${where} QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY seq DESC) = 1 ORDER BY started_at DESC, run_id DESC`,
    )
    return rows.map(parseRunRow)
  }

  /** The asset rows of a run (all attempts), in the order they ended. */
  async assets(runId: string): Promise<AssetRecord[]> {
    const rows = await this.select(
      ASSETS_TABLE,
      (scan) =>
        `SELECT * FROM (${scan}) WHERE run_id = ${sqlString(runId)} ORDER BY recorded_at, ended_at, asset, "partition"`,
    )
    return rows.map(parseAssetRow)
  }

  /** Asset rows of many runs, grouped by run id. */
  async assetsOf(runIds: readonly string[]): Promise<Map<string, AssetRecord[]>> {
    const out = new Map<string, AssetRecord[]>(runIds.map((id) => [id, []]))
    if (runIds.length === 0) return out
    const list = runIds.map(sqlString).join(', ')
    const rows = await this.select(
      ASSETS_TABLE,
      (scan) =>
        `SELECT * FROM (${scan}) WHERE run_id IN (${list}) ORDER BY recorded_at, ended_at, asset, "partition"`,
    )
    for (const r of rows.map(parseAssetRow)) out.get(r.runId)?.push(r)
    return out
  }

  /** The Delta version of each history table (-1 when absent); for tests and no-op checks. */
  async versions(): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const table of [RUNS_TABLE, ASSETS_TABLE]) {
      try {
        const snapshot = await loadSnapshot(this.options.storeFor(this.options.locate(table)), {
          sql: this.options.engine,
        })
        out[table] = snapshot.version
      } catch (error) {
        if (!(error instanceof NotADeltaTableError)) throw error
        out[table] = -1
      }
    }
    return out
  }

  private async append(table: string, sql: string): Promise<void> {
    await writeTable({
      store: this.options.storeFor(this.options.locate(table)),
      executor: this.options.engine,
      sql,
      mode: 'append',
      ...(this.options.properties === undefined ? {} : { configuration: this.options.properties }),
    })
  }

  private async select(
    table: string,
    query: (scan: string) => string,
  ): Promise<Record<string, unknown>[]> {
    let snapshot
    try {
      snapshot = await loadSnapshot(this.options.storeFor(this.options.locate(table)), {
        sql: this.options.engine,
      })
    } catch (error) {
      if (error instanceof NotADeltaTableError) return []
      throw error
    }
    const scan = await scanSql(snapshot, { sql: this.options.engine })
    return this.options.engine.all(query(scan))
  }
}
