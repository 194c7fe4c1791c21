/**
 * @module pipeline/run-steps
 * The steps of a pipeline run — extract, load, build — each run once per attempt through
 * {@link stepOnce} (skipped on resume when an earlier attempt finished it, recorded before and
 * after), with the locks they take and the retries of failures that may pass.
 */
import { EXIT_CODES, exitCodeFor } from '../core/index.js'
import { acquireLock, type HeldLock } from './file-lock.js'
import type { StepState } from './history-rows.js'
import type { SessionPartition } from './partitions.js'
import { withRetries } from './retry.js'
import type { RunHistory } from './run-history.js'
import type { StepContext } from './run-types.js'
import { buildAssetRows, buildCounts, buildSelection } from './steps/build-assets.js'
import { extractAssetRows, extractionDidWork, failedSessions } from './steps/extract-assets.js'
import { loadAssetRows, loadDidWork, touchedTables } from './steps/load-assets.js'

interface StepResult {
  readonly ok: boolean
  readonly did: boolean
  readonly touched: string[]
}

export async function stepOnce(
  ctx: StepContext,
  name: string,
  run: () => Promise<StepResult & { detail: string; data?: Record<string, unknown> }>,
): Promise<StepResult> {
  const before = ctx.recorder.state.steps[name]
  if (before?.status === 'success' || before?.status === 'skipped') {
    ctx.logger.info(`${name}: done in attempt ${before.attempt}, not redone`)
    const touched = (before.data?.['touched'] as string[] | undefined) ?? []
    return { ok: true, did: false, touched }
  }
  const startedAt = new Date().toISOString()
  const running: StepState = {
    status: 'running',
    attempt: ctx.attempt,
    startedAt,
    ...(before?.data === undefined ? {} : { data: before.data }),
  }
  ctx.options.onStep?.(name, running)
  await ctx.recorder.step(name, running)
  const r = await run()
  const state: StepState = {
    status: r.ok ? (r.did ? 'success' : 'skipped') : 'failed',
    attempt: ctx.attempt,
    startedAt,
    endedAt: new Date().toISOString(),
    detail: r.detail,
    data: { ...(running.data ?? {}), ...(r.data ?? {}), touched: r.touched },
  }
  ctx.options.onStep?.(name, state)
  await ctx.recorder.step(name, state)
  return r
}

export async function lock(ctx: StepContext, name: string, label: string): Promise<HeldLock> {
  return acquireLock({
    dir: ctx.options.locksDir,
    name,
    label,
    runId: ctx.runId,
    wait: ctx.options.wait === true,
    onWait: (o) => ctx.logger.warn(`${label} is held by run ${o.runId} (pid ${o.pid}); waiting`),
    onTakeover: (o) =>
      ctx.logger.warn(`${label}: taking over the lock of run ${o.runId} (pid ${o.pid} is gone)`),
  })
}

export async function extractStep(ctx: StepContext) {
  const { stages } = ctx.options
  const landing = await lock(ctx, 'landing', 'the landing zone')
  try {
    let pending: readonly SessionPartition[] = ctx.partitions
    const totals = { written: 0, skipped: 0, empty: 0, failed: 0, records: 0 }
    let did = false
    const { value: missing } = await withRetries(
      async (n) => {
        const startedAt = new Date().toISOString()
        const result = await stages.extract(pending)
        did ||= extractionDidWork(result)
        if (did) await ctx.recorder.activate()
        await ctx.recorder.record(
          extractAssetRows(
            result,
            pending,
            { runId: ctx.runId, attempt: ctx.attempt + n - 1, startedAt },
            new Date().toISOString(),
          ),
        )
        const t = result.totals
        totals.written += t.written
        totals.skipped += t.skipped
        totals.empty += t.empty
        totals.records += t.records
        totals.failed = t.failed
        const failed = failedSessions(result)
        pending = pending.filter((p) => failed.has(p.sessionKey))
        return result.missing
      },
      {
        policy: ctx.retry,
        retryable: (o) => mayPass(o.error) || (o.value?.length ?? 0) > 0,
        onRetry: (next, ms) =>
          ctx.logger.warn(
            `extract: ${pending.length} session(s) incomplete; attempt ${next} in ${(ms / 1000).toFixed(1)} s`,
          ),
      },
    )
    ctx.summary.extract = totals
    if (missing.length > 0) {
      ctx.summary.failures.push(
        `extract: ${missing.length} unit(s) still missing (${missing
          .slice(0, 3)
          .map((m) => m.unit)
          .join(', ')}${missing.length > 3 ? ', …' : ''})`,
      )
    }
    const detail = `${totals.written} file(s) written, ${totals.skipped} already complete, ${totals.empty} empty, ${missing.length} missing; ${totals.records} records`
    ctx.logger.info(`extract: ${detail}`)
    return { ok: missing.length === 0, did, touched: [], detail }
  } finally {
    landing.release()
  }
}

export async function loadStep(ctx: StepContext) {
  const startedAt = new Date().toISOString()
  const { value: report } = await withRetries(() => ctx.options.stages.load(), {
    policy: ctx.retry,
    retryable: (o) => mayPass(o.error),
    onRetry: (next, ms, last) =>
      ctx.logger.warn(
        `load failed (${messageOf(last.error)}); attempt ${next} in ${(ms / 1000).toFixed(1)} s`,
      ),
  })
  const did = loadDidWork(report)
  if (did) await ctx.recorder.activate()
  await ctx.recorder.record(
    loadAssetRows(
      report,
      ctx.partitions,
      { runId: ctx.runId, attempt: ctx.attempt, startedAt },
      new Date().toISOString(),
    ),
  )
  const touched = touchedTables(report)
  ctx.summary.load = {
    files: report.totals.files,
    records: report.totals.records,
    tables: touched.length,
    quarantined: report.quarantined.length,
  }
  if (report.hasFailures) {
    ctx.summary.failures.push(
      `load: ${report.quarantined.length} file(s) quarantined, ${report.tables.filter((t) => t.status === 'failed').length} table(s) failed`,
    )
  }
  const detail = `${report.totals.files} file(s), ${report.totals.records} records → ${touched.length} bronze table(s)${report.quarantined.length > 0 ? `, ${report.quarantined.length} quarantined` : ''}`
  ctx.logger.info(`load: ${detail}`)
  return { ok: !report.hasFailures, did, touched, detail }
}

export async function buildStep(ctx: StepContext, touched: readonly string[], loadedNow: boolean) {
  const { history, graph, stages, target } = ctx.options
  const prevState = ctx.recorder.state.steps['build']
  const resumedSelection = prevState?.data?.['selection'] as string[] | 'all' | undefined
  const lastBuild =
    resumedSelection === undefined ? await lastBuildStatus(history, ctx.runId) : undefined
  const neverBuilt = lastBuild === undefined
  if (
    resumedSelection === undefined &&
    touched.length === 0 &&
    !loadedNow &&
    lastBuild === 'success'
  ) {
    const detail = 'nothing new to build'
    ctx.logger.info(`build: ${detail}`)
    return { ok: true, did: false, touched: [...touched], detail }
  }
  const selection: string[] | undefined =
    resumedSelection !== undefined
      ? resumedSelection === 'all'
        ? undefined
        : resumedSelection
      : buildSelection(graph, touched, neverBuilt || lastBuild !== 'success')
  if (selection !== undefined && selection.length === 0) {
    const detail = 'the new data reaches no model'
    return { ok: true, did: false, touched: [...touched], detail }
  }
  await ctx.recorder.activate()
  await ctx.recorder.step('build', {
    status: 'running',
    attempt: ctx.attempt,
    startedAt: new Date().toISOString(),
    data: { selection: selection ?? 'all', touched: [...touched] },
  })
  const buildLock = await lock(ctx, `build-${target}`, `the build of target ${target}`)
  let outcome
  try {
    if (ctx.options.resume !== undefined && stages.recover !== undefined) {
      for (const moved of await stages.recover(ctx.runId)) {
        ctx.logger.warn(`build: set aside what the interrupted attempt left half-made: ${moved}`)
      }
    }
    ctx.logger.info(`build: ${selection === undefined ? 'everything' : selection.join(' ')}`)
    outcome = (
      await withRetries(() => stages.build(selection), {
        policy: { ...ctx.retry, attempts: Math.min(ctx.retry.attempts, 2) },
        retryable: (o) => mayPass(o.error),
        onRetry: (next, ms, last) =>
          ctx.logger.warn(
            `build failed (${messageOf(last.error)}); attempt ${next} in ${(ms / 1000).toFixed(1)} s`,
          ),
      })
    ).value
  } finally {
    buildLock.release()
  }
  await ctx.recorder.record(
    buildAssetRows(graph, outcome.results, { runId: ctx.runId, attempt: ctx.attempt }),
  )
  const counts = buildCounts(outcome.results)
  ctx.summary.build = { ...counts, selection: selection ?? 'all', seconds: outcome.elapsed }
  for (const r of outcome.results) {
    if (r.status === 'warn') ctx.summary.warnings.push(`${r.unique_id}: ${r.message ?? 'warning'}`)
  }
  if (!outcome.success) {
    const bad = outcome.results.filter((r) => r.status === 'error' || r.status === 'fail')
    ctx.summary.failures.push(
      `build: ${counts.error} error(s), ${counts.fail} failing test(s) (${bad
        .slice(0, 3)
        .map((r) => r.unique_id)
        .join(', ')}${bad.length > 3 ? ', …' : ''}); ${counts.skipped} node(s) skipped downstream`,
    )
  }
  const detail = `${counts.nodes} node(s): ${counts.success + counts.pass} ok (${counts.upToDate} up to date), ${counts.warn} warn, ${counts.error} error, ${counts.fail} fail, ${counts.skipped} skipped`
  ctx.logger.info(`build: ${detail}`)
  return {
    ok: outcome.success,
    did: true,
    touched: [...touched],
    detail,
    data: { selection: selection ?? 'all' },
  }
}

/** The build status of the newest earlier run that reached its build step, if any. */
export async function lastBuildStatus(
  history: RunHistory,
  exceptRun: string,
): Promise<'success' | 'failed' | undefined> {
  for (const r of await history.runs()) {
    if (r.runId === exceptRun || r.kind !== 'pipeline') continue
    const b = r.steps['build']
    if (b === undefined || b.status === 'pending') continue
    if (b.status === 'success') return 'success'
    if (b.status === 'skipped' && r.status === 'success') return 'success'
    return 'failed'
  }
  return undefined
}

/** True for a thrown error that another attempt may not meet (not bad usage or configuration). */
export function mayPass(error: unknown): boolean {
  return error !== undefined && exitCodeFor(error) === EXIT_CODES.failures
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
