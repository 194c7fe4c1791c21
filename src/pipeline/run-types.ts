/**
 * @module pipeline/run-types
 * What a pipeline run takes and gives back ({@link RunPipelineOptions}, {@link PipelineOutcome},
 * {@link RunSummary}) and what each of its steps sees ({@link StepContext}): shared by the run
 * (`run-pipeline.ts`) and its steps (`run-steps.ts`).
 */
import type { Logger } from '../core/index.js'
import type { AssetGraph } from './asset-graph.js'
import type { RunRecord, StepState } from './history-rows.js'
import type { SessionPartition } from './partitions.js'
import type { FreshnessEntry, PipelineStages } from './pipeline-stages.js'
import type { RetryPolicy } from './retry.js'
import type { RunHistory } from './run-history.js'
import type { RunRecorder } from './run-recorder.js'
import type { BuildCounts } from './steps/build-assets.js'

/** The steps of a pipeline run, in order. */
export const PIPELINE_STEPS = ['extract', 'load', 'build'] as const

/** Options of `runPipeline`. */
export interface RunPipelineOptions {
  readonly stages: PipelineStages
  readonly history: RunHistory
  readonly graph: AssetGraph
  /** The target and its catalog. */
  readonly target: string
  /** Options the run was started with; stored so that a resume can rebuild the stages. */
  readonly params: Readonly<Record<string, unknown>>
  /** Folder of the lock files (`<home>/locks`). */
  readonly locksDir: string
  /** Why the run started (`manual`, `schedule: …`). */
  readonly trigger?: string
  /** Wait for locks held by other runs instead of stopping. */
  readonly wait?: boolean
  readonly retry?: RetryPolicy
  /** Resume this earlier run (its record, from `prepareResume`). */
  readonly resume?: RunRecord
  /** Only these partitions (the scheduler's pick); default: whatever `discover` returns. */
  readonly partitions?: readonly SessionPartition[]
  readonly logger?: Logger
  /** Called whenever a step starts or ends (for progress lines). */
  readonly onStep?: (step: string, state: StepState) => void
}

/** How a run ended. */
export interface PipelineOutcome {
  readonly runId: string
  readonly attempt: number
  /** `nothing-new`: nothing was extracted, loaded or built, and nothing was written. */
  readonly status: 'success' | 'failed' | 'nothing-new'
  readonly partitions: readonly SessionPartition[]
  readonly steps: Readonly<Record<string, StepState>>
  readonly summary: RunSummary
  readonly freshness: readonly FreshnessEntry[]
  /** True when the run was written to the history. */
  readonly recorded: boolean
  readonly message: string
}

/** Figures of a run, for people and `--json`. */
export interface RunSummary {
  sessions: number
  extract?: { written: number; skipped: number; empty: number; failed: number; records: number }
  load?: { files: number; records: number; tables: number; quarantined: number }
  build?: BuildCounts & { selection: readonly string[] | 'all'; seconds: number }
  warnings: string[]
  failures: string[]
}

/** What each step sees. */
export interface StepContext {
  readonly options: RunPipelineOptions
  readonly logger: Logger
  readonly retry: RetryPolicy
  readonly recorder: RunRecorder
  readonly partitions: readonly SessionPartition[]
  readonly summary: RunSummary
  readonly attempt: number
  readonly runId: string
}
