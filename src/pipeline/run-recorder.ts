/**
 * @module pipeline/run-recorder
 * Keeps one run's record and writes it to the history as it changes. A new run starts
 * *deferred*: its states and asset rows stay in memory until the run does real work (lands a
 * file, loads a file, builds), so a run with nothing new writes nothing — not even its own
 * record — and leaves every Delta version as it was. Once active, each change is appended.
 */
import { hostname } from 'node:os'
import type { AssetRecord, RunRecord, StepState } from './history-rows.js'
import type { RunHistory } from './run-history.js'

/** The first state of a run, without the fields the recorder fills. */
export type RunStart = Omit<RunRecord, 'seq' | 'recordedAt' | 'host' | 'pid'> & {
  readonly seq?: number
}

/** Records one run. */
export class RunRecorder {
  private current: RunRecord
  private active: boolean
  private pendingAssets: AssetRecord[] = []
  private readonly assetRows: AssetRecord[] = []

  constructor(
    private readonly history: RunHistory,
    start: RunStart,
    options: { readonly deferred: boolean },
  ) {
    this.current = {
      ...start,
      seq: start.seq ?? 0,
      host: hostname(),
      pid: process.pid,
      recordedAt: new Date().toISOString(),
    }
    this.active = !options.deferred
  }

  /** The run's current state. */
  get state(): RunRecord {
    return this.current
  }

  /** True once the run is being written to the history. */
  get isActive(): boolean {
    return this.active
  }

  /** Every asset row of this attempt so far. */
  get assets(): readonly AssetRecord[] {
    return this.assetRows
  }

  /** Writes the first state now (a resumed or otherwise non-deferred run). */
  async begin(): Promise<void> {
    if (this.active) await this.history.appendRuns([this.current])
  }

  /** Starts writing: the latest state and every buffered asset row. Idempotent. */
  async activate(): Promise<void> {
    if (this.active) return
    this.active = true
    await this.history.appendRuns([this.current])
    const pending = this.pendingAssets
    this.pendingAssets = []
    await this.history.appendAssets(pending)
  }

  /** Changes the run's state (written when active). */
  async update(patch: Partial<Omit<RunRecord, 'runId' | 'seq'>>): Promise<void> {
    this.current = {
      ...this.current,
      ...patch,
      seq: this.current.seq + 1,
      recordedAt: new Date().toISOString(),
    }
    if (this.active) await this.history.appendRuns([this.current])
  }

  /** Changes one step's state. */
  async step(name: string, state: StepState): Promise<void> {
    await this.update({ steps: { ...this.current.steps, [name]: state } })
  }

  /** Adds asset rows (written when active). */
  async record(rows: readonly AssetRecord[]): Promise<void> {
    if (rows.length === 0) return
    this.assetRows.push(...rows)
    if (this.active) await this.history.appendAssets(rows)
    else this.pendingAssets.push(...rows)
  }
}
