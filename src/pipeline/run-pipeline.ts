/**
 * @module pipeline/run-pipeline
 * One pipeline run: discover the sessions (partitions), lock them, extract, load, measure
 * freshness, build what the new data reaches — each step recorded in the run history with its
 * asset rows, retried with backoff when its failure may pass, and skipped on resume when an
 * earlier attempt finished it. A run with nothing new writes nothing (see `run-recorder.ts`).
 *
 * Locks: one per partition for the whole run (two runs never work on one session at once), the
 * landing zone during extraction (its manifest has one writer) and the target's build during
 * the build. With `wait`, a run queues behind the holder; without, it stops with `LockHeldError`.
 */
import { SILENT_LOGGER } from '../core/index.js'
import type { HeldLock } from './file-lock.js'
import type { RunKind } from './history-rows.js'
import type { SessionPartition } from './partitions.js'
import type { FreshnessEntry } from './pipeline-stages.js'
import { DEFAULT_RETRY } from './retry.js'
import { newRunId } from './run-id.js'
import { RunRecorder } from './run-recorder.js'
import { buildStep, extractStep, loadStep, lock, messageOf, stepOnce } from './run-steps.js'
import {
  PIPELINE_STEPS,
  type PipelineOutcome,
  type RunPipelineOptions,
  type RunSummary,
  type StepContext,
} from './run-types.js'

/** Runs (or resumes) a pipeline run; never throws for failed work, only for infrastructure. */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineOutcome> {
  const logger = options.logger ?? SILENT_LOGGER
  const retry = options.retry ?? DEFAULT_RETRY
  const prev = options.resume
  const startedAt = new Date().toISOString()
  const runId = prev?.runId ?? newRunId()
  const attempt = (prev?.attempt ?? 0) + 1
  const partitions: SessionPartition[] =
    prev !== undefined
      ? [...prev.partitions]
      : [...(options.partitions ?? (await options.stages.discover()))]
  const summary: RunSummary = { sessions: partitions.length, warnings: [], failures: [] }
  const recorder = new RunRecorder(
    options.history,
    {
      runId,
      ...(prev === undefined ? {} : { seq: prev.seq + 1 }),
      kind: 'pipeline' as RunKind,
      status: 'running',
      attempt,
      target: options.target,
      catalog: options.history.catalog,
      trigger: prev === undefined ? (options.trigger ?? 'manual') : `resume (attempt ${attempt})`,
      params: prev?.params ?? options.params,
      partitions,
      steps:
        prev?.steps ??
        Object.fromEntries(PIPELINE_STEPS.map((s) => [s, { status: 'pending', attempt: 0 }])),
      startedAt: prev?.startedAt ?? startedAt,
      endedAt: null,
      summary: {},
      freshness: [],
      error: null,
    },
    { deferred: prev === undefined },
  )
  const ctx: StepContext = { options, logger, retry, recorder, partitions, summary, attempt, runId }
  if (partitions.length === 0) {
    return finish(ctx, 'nothing-new', 'no session matches the selection: nothing to do')
  }
  logger.info(
    `run ${runId}${prev === undefined ? '' : ` (resume, attempt ${attempt})`}: ${partitions.length} session(s)`,
  )
  const locks: HeldLock[] = []
  try {
    for (const p of partitions) {
      locks.push(
        await lock(ctx, `partition-${p.key}`, `partition ${p.key} (${p.meeting} ${p.session})`),
      )
    }
    await recorder.begin()
    let freshness: FreshnessEntry[] = []
    const extracted = await stepOnce(ctx, 'extract', () => extractStep(ctx))
    const loaded = await stepOnce(ctx, 'load', () => loadStep(ctx))
    if (
      options.stages.freshness !== undefined &&
      (loaded.touched.length > 0 || recorder.isActive)
    ) {
      freshness = await options.stages.freshness().catch((error: unknown) => {
        summary.warnings.push(`freshness not measured: ${messageOf(error)}`)
        return []
      })
    }
    const built = await stepOnce(ctx, 'build', () => buildStep(ctx, loaded.touched, loaded.did))
    const ok = extracted.ok && loaded.ok && built.ok
    if (!recorder.isActive) {
      return finish(
        ctx,
        'nothing-new',
        `nothing new: ${partitions.length} session(s) already extracted, loaded and built`,
        freshness,
      )
    }
    return finish(
      ctx,
      ok ? 'success' : 'failed',
      ok ? 'run succeeded' : summary.failures.join('; '),
      freshness,
    )
  } catch (error) {
    if (recorder.isActive) {
      await recorder.update({
        status: 'failed',
        endedAt: new Date().toISOString(),
        error: messageOf(error),
        summary: { ...summary },
      })
    }
    throw error
  } finally {
    for (const l of locks) l.release()
  }
}

async function finish(
  ctx: StepContext,
  status: PipelineOutcome['status'],
  message: string,
  freshness: readonly FreshnessEntry[] = [],
): Promise<PipelineOutcome> {
  const { recorder } = ctx
  if (recorder.isActive) {
    await recorder.update({
      status: status === 'failed' ? 'failed' : 'success',
      endedAt: new Date().toISOString(),
      summary: { ...ctx.summary },
      freshness: freshness as unknown as Record<string, unknown>[],
      error: status === 'failed' ? message : null,
    })
  }
  return {
    runId: ctx.runId,
    attempt: ctx.attempt,
    status,
    partitions: ctx.partitions,
    steps: recorder.state.steps,
    summary: ctx.summary,
    freshness,
    recorded: recorder.isActive,
    message,
  }
}
