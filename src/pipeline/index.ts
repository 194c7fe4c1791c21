/**
 * @module pipeline
 * The asset graph, runs, partitions, schedules, promotion and run history.
 * Public surface of the folder: other layers import only this file.
 */
// Errors.
export {
  PipelineError,
  LockHeldError,
  RunNotFoundError,
  RunNotResumableError,
} from './pipeline-errors.js'
export type { LockOwnerInfo } from './pipeline-errors.js'
// Assets and partitions.
export { buildAssetGraph, downstreamOf, countByKind } from './asset-graph.js'
export type {
  AssetGraph,
  AssetNode,
  AssetKind,
  AssetGraphInput,
  ManifestLike,
} from './asset-graph.js'
export {
  partitionOf,
  formatPartition,
  groupPartitions,
  hasEnded,
  partitionsOfLandingFile,
} from './partitions.js'
export type { SessionPartition, SeasonGroup, MeetingGroup } from './partitions.js'
// Runs.
export { runPipeline } from './run-pipeline.js'
export { PIPELINE_STEPS } from './run-types.js'
export type { RunPipelineOptions, PipelineOutcome, RunSummary } from './run-types.js'
export type { PipelineStages, BuildOutcome, FreshnessEntry } from './pipeline-stages.js'
export { DEFAULT_RETRY, withRetries, retryDelayMs } from './retry.js'
export type { RetryPolicy } from './retry.js'
export { acquireLock, readLockOwner, isAlive } from './file-lock.js'
export type { HeldLock, AcquireLockOptions } from './file-lock.js'
export { newRunId, isRunId } from './run-id.js'
// History.
export { RunHistory } from './run-history.js'
export type { RunHistoryOptions } from './run-history.js'
export { RUNS_TABLE, ASSETS_TABLE } from './history-rows.js'
export type {
  RunRecord,
  AssetRecord,
  RunKind,
  RunStatus,
  StepState,
  StepStatus,
} from './history-rows.js'
export { RunRecorder } from './run-recorder.js'
export {
  listRuns,
  showRun,
  prepareResume,
  processedPartitions,
  displayStatus,
} from './run-views.js'
export type { RunView, RunDisplayStatus } from './run-views.js'
// Schedules.
export { runScheduler } from './schedule/scheduler.js'
export type { SchedulerOptions, SchedulerSummary } from './schedule/scheduler.js'
export { parseCron, firedBetween } from './schedule/cron-schedule.js'
export type { CronSchedule } from './schedule/cron-schedule.js'
// Promotion.
export { promote } from './promote/promote.js'
export type {
  PromoteOptions,
  PromoteOutcome,
  PromoteStages,
  PromotedTable,
} from './promote/promote.js'
export { copyTable } from './promote/copy-table.js'
export type { CopyTableOptions, CopyTableResult } from './promote/copy-table.js'
