/**
 * @module pipeline/pipeline-stages
 * The work a pipeline run orchestrates, as a port (STYLE.md §1): the CLI, the composition root,
 * implements it with the real OpenF1 client, loader and transformation runner, and passes it in.
 * Each stage returns its layer's status objects; the pipeline turns them into asset rows.
 */
import type { ExtractionResult } from '../openf1/index.js'
import type { LoadReport } from '../load/index.js'
import type { NodeResult } from '../transform/index.js'
import type { SessionPartition } from './partitions.js'

/** What the build stage returns (a transform run's outcome). */
export interface BuildOutcome {
  readonly results: readonly NodeResult[]
  /** True when nothing errored or failed. */
  readonly success: boolean
  /** Seconds. */
  readonly elapsed: number
}

/** One source's freshness as measured by a run (condensed from dbt's sources.json). */
export interface FreshnessEntry {
  readonly source: string
  /** `pass`, `warn`, `error`, `runtime error`. */
  readonly status: string
  readonly maxLoadedAt: string | null
  readonly ageSeconds: number | null
}

/** The stages of a run. */
export interface PipelineStages {
  /** The sessions the run's criteria select (calls the API's `/sessions`). */
  discover(): Promise<SessionPartition[]>
  /** Lands every selected endpoint of these sessions (complete units are skipped). */
  extract(partitions: readonly SessionPartition[]): Promise<ExtractionResult>
  /** Loads every new landing file into bronze (each file exactly once). */
  load(): Promise<LoadReport>
  /** Builds seeds, models, snapshots and tests; `select` as dbt's `--select` (absent: all). */
  build(select: readonly string[] | undefined): Promise<BuildOutcome>
  /** Measures source freshness after loading (optional). */
  freshness?(): Promise<FreshnessEntry[]>
  /**
   * Before a resumed build: sets aside what a killed build left half-made (a table folder whose
   * log never got its first commit). Returns what it moved, for the log (optional).
   */
  recover?(runId: string): Promise<string[]>
}
