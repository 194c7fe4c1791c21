/**
 * @module pipeline/run-views
 * What `pitwall runs` shows and what `--resume` checks: a run recorded as `running` whose
 * process is gone (same host, pid dead) was killed — it shows as `interrupted` and can be
 * resumed; one whose process is alive is really running and cannot.
 */
import { hostname } from 'node:os'
import { isAlive } from './file-lock.js'
import type { AssetRecord, RunRecord } from './history-rows.js'
import { RunNotFoundError, RunNotResumableError } from './pipeline-errors.js'
import type { RunHistory } from './run-history.js'

/** A run as people see it. */
export type RunDisplayStatus = 'running' | 'interrupted' | 'success' | 'failed' | 'refused'

/** The status to show for a run's latest state. */
export function displayStatus(run: RunRecord): RunDisplayStatus {
  if (run.status !== 'running') return run.status
  if (run.host === hostname() && !isAlive(run.pid)) return 'interrupted'
  return 'running'
}

/** A run with its assets, for `runs --json` and `runs show`. */
export interface RunView extends RunRecord {
  readonly display: RunDisplayStatus
  readonly assets: readonly AssetRecord[]
}

/** The newest `last` runs (all when absent), each with its asset rows. */
export async function listRuns(history: RunHistory, last?: number): Promise<RunView[]> {
  const runs = await history.runs()
  const picked = last === undefined ? runs : runs.slice(0, last)
  const assets = await history.assetsOf(picked.map((r) => r.runId))
  return picked.map((r) => ({ ...r, display: displayStatus(r), assets: assets.get(r.runId) ?? [] }))
}

/** One run with its assets. @throws RunNotFoundError */
export async function showRun(history: RunHistory, runId: string): Promise<RunView> {
  const [run] = await history.runs(runId)
  if (run === undefined) throw new RunNotFoundError(runId, history.catalog)
  return { ...run, display: displayStatus(run), assets: await history.assets(runId) }
}

/**
 * The record of a run to resume. @throws RunNotFoundError, RunNotResumableError (finished
 * successfully, still running, or not a pipeline run)
 */
export async function prepareResume(history: RunHistory, runId: string): Promise<RunRecord> {
  const [run] = await history.runs(runId)
  if (run === undefined) throw new RunNotFoundError(runId, history.catalog)
  if (run.kind !== 'pipeline') {
    throw new RunNotResumableError(
      runId,
      `it is a ${run.kind} run`,
      'Run the command again instead.',
    )
  }
  const status = displayStatus(run)
  if (status === 'success') {
    throw new RunNotResumableError(
      runId,
      'it finished successfully',
      'Start a new run with `pitwall pipeline`.',
    )
  }
  if (status === 'running') {
    throw new RunNotResumableError(
      runId,
      `it is still running (pid ${run.pid} on ${run.host})`,
      'Wait for it to end, or stop it first.',
    )
  }
  return run
}

/**
 * Session keys that a successful pipeline run has processed (the scheduler's memory: a session
 * in this set is never run again, also across restarts).
 */
export async function processedPartitions(history: RunHistory): Promise<Set<string>> {
  const out = new Set<string>()
  for (const r of await history.runs()) {
    if (r.kind !== 'pipeline' || r.status !== 'success') continue
    for (const p of r.partitions as unknown as { key?: string }[]) {
      if (typeof p.key === 'string') out.add(p.key)
    }
  }
  return out
}
