/**
 * @module engine/duckdb/lakehouse-engine
 * An {@link Engine} over the lakehouse: before each statement it syncs the Delta views with the
 * tables on disk (found by `discover`), so `SELECT … FROM dev_f1_data_analytics.bronze_raw.
 * bronze_laps` always reads the latest committed snapshot, also after another process commits.
 */
import {
  canStream,
  type Engine,
  type QueryResult,
  type ResultRow,
  type RowStream,
  type StreamingEngine,
  type StreamOptions,
} from '../engine.js'
import { EngineError } from '../engine-errors.js'
import { SerialQueue } from '../serial-queue.js'
import type { DeltaViews, DeltaViewTable, SyncResult } from './delta-views.js'

/** Options of {@link LakehouseEngine}. */
export interface LakehouseEngineOptions {
  /** The tables that exist now (called before each statement). */
  readonly discover: () => readonly DeltaViewTable[] | Promise<readonly DeltaViewTable[]>
  /** Skip re-checking versions when the last sync is younger than this (default 0: always). */
  readonly minSyncIntervalMs?: number
  /** Runs after each sync of the Delta views (e.g. SQL views that read them). */
  readonly afterSync?: (engine: Engine) => Promise<void>
}

/** The engine callers query the lakehouse through. Closing it closes the underlying engine. */
export class LakehouseEngine implements StreamingEngine {
  private readonly syncQueue = new SerialQueue()
  private lastSync = -Infinity
  private lastResult: SyncResult = { refreshed: [], dropped: [], failed: [] }

  constructor(
    private readonly engine: Engine,
    private readonly views: DeltaViews,
    private readonly options: LakehouseEngineOptions,
  ) {}

  /**
   * Syncs the views now (also done before every statement). Unforced, it returns at once when
   * the last sync is younger than `minSyncIntervalMs` — even while another sync runs, so readers
   * never queue behind a background refresh.
   */
  refresh(force = true): Promise<void> {
    if (!force && performance.now() - this.lastSync < (this.options.minSyncIntervalMs ?? 0)) {
      return Promise.resolve()
    }
    return this.syncQueue.push(async () => {
      const now = performance.now()
      if (!force && now - this.lastSync < (this.options.minSyncIntervalMs ?? 0)) return
      this.lastResult = await this.views.sync(await this.options.discover())
      await this.options.afterSync?.(this.engine)
      this.lastSync = performance.now()
    })
  }

  /** What the last sync changed, and the tables it could not read (to report to the user). */
  lastSyncResult(): SyncResult {
    return this.lastResult
  }

  /** The Delta version the view of `catalog.schema.table` shows (see {@link DeltaViews.versionOf}). */
  versionOf(table: string): number | undefined {
    return this.views.versionOf(table)
  }

  /** @inheritdoc */
  async query(sql: string): Promise<QueryResult> {
    await this.refresh(false)
    return this.engine.query(sql)
  }

  /** @inheritdoc */
  async all(sql: string): Promise<ResultRow[]> {
    await this.refresh(false)
    return this.engine.all(sql)
  }

  /** @inheritdoc */
  async run(sql: string): Promise<void> {
    await this.refresh(false)
    return this.engine.run(sql)
  }

  /**
   * @inheritdoc
   * Syncs the views, then streams on the underlying engine (which must be able to stream).
   */
  async stream(sql: string, options?: StreamOptions): Promise<RowStream> {
    if (!canStream(this.engine)) {
      throw new EngineError('cannot-stream', 'the underlying engine cannot stream results', {
        hint: 'This is a bug: build the lakehouse engine over a DuckDbEngine.',
      })
    }
    await this.refresh(false)
    return this.engine.stream(sql, options)
  }

  /** The engine the views live in (to run statements that must skip the sync). */
  get base(): Engine {
    return this.engine
  }

  /** @inheritdoc */
  close(): Promise<void> {
    return this.engine.close()
  }
}
