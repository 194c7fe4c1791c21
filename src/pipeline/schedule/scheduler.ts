/**
 * @module pipeline/schedule/scheduler
 * `pitwall schedule` as a function (Dagster's sensor + schedules, REFERENCE.md §2): every tick it
 * polls `/sessions`, runs the pipeline for each session that ended at least `delay` ago and that
 * no successful run has processed yet, and runs it for every ended session when a cron
 * expression fired since its last fire. One log line per tick.
 *
 * Exactly once, also across restarts: "processed" is read from the run history (successful
 * runs' partitions), never from memory; a run that a killed scheduler left interrupted is
 * resumed (not started again) when the scheduler starts; partition locks keep two schedulers
 * from running one session at once. Cron fire times are kept in a small state file, so a
 * restart neither repeats nor skips a fire.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SILENT_LOGGER, type Logger } from '../../core/index.js'
import { hasEnded, type SessionPartition } from '../partitions.js'
import type { PipelineOutcome } from '../run-types.js'
import { firedBetween, type CronSchedule } from './cron-schedule.js'

/** Options of {@link runScheduler}. */
export interface SchedulerOptions {
  /** Every session the scheduler watches (polls `/sessions`). */
  listSessions(): Promise<SessionPartition[]>
  /** Session keys a successful run has processed (from the run history). */
  processed(): Promise<Set<string>>
  /** Runs the pipeline for these sessions. */
  run(partitions: readonly SessionPartition[], trigger: string): Promise<PipelineOutcome>
  /** Resumes runs a killed scheduler left interrupted; returns their outcomes. */
  resumeInterrupted?(): Promise<PipelineOutcome[]>
  /** Wait after a session's end before running it (ms). */
  readonly delayMs: number
  /** Time between ticks (ms). */
  readonly pollMs: number
  readonly crons?: readonly CronSchedule[]
  /** Where cron fire times are kept (`<home>/schedule/<target>.json`). */
  readonly statePath: string
  /** Stop after this many ticks (default: run until stopped). */
  readonly maxTicks?: number
  /** Attempts per session within one scheduler process before it is left alone (default 3). */
  readonly maxAttempts?: number
  /** Aborted on SIGTERM/SIGINT: the current run finishes, then the scheduler stops. */
  readonly signal?: AbortSignal
  readonly logger?: Logger
  readonly now?: () => Date
}

/** What a scheduler did. */
export interface SchedulerSummary {
  readonly ticks: number
  /** Runs started (resumed ones included), with their outcome. */
  readonly runs: readonly {
    readonly runId: string
    readonly status: string
    readonly trigger: string
    readonly sessions: readonly string[]
  }[]
  readonly stoppedBy: 'signal' | 'max-ticks'
}

interface CronState {
  readonly lastFired: Record<string, string>
}

/** Runs the scheduler until stopped; see the module doc. */
export async function runScheduler(options: SchedulerOptions): Promise<SchedulerSummary> {
  const logger = options.logger ?? SILENT_LOGGER
  const now = options.now ?? (() => new Date())
  const runs: { runId: string; status: string; trigger: string; sessions: string[] }[] = []
  const attempts = new Map<string, number>()
  const note = (o: PipelineOutcome, trigger: string): void => {
    runs.push({
      runId: o.runId,
      status: o.status,
      trigger,
      sessions: o.partitions.map((p) => p.key),
    })
  }
  const state = readState(options.statePath)
  // Crons start counting from their last fire (or from now on the first start).
  for (const c of options.crons ?? []) state.lastFired[c.expression] ??= now().toISOString()
  writeState(options.statePath, state)

  for (const o of (await options.resumeInterrupted?.()) ?? []) {
    logger.info(`schedule: resumed interrupted run ${o.runId}: ${o.status}`)
    note(o, 'resume')
  }
  let ticks = 0
  while (options.signal?.aborted !== true) {
    ticks++
    const at = now()
    let line = `tick ${ticks} at ${at.toISOString()}: `
    try {
      const sessions = await options.listSessions()
      const ended = sessions.filter((p) => hasEnded(p, at, options.delayMs))
      const done = await options.processed()
      const todo = ended.filter(
        (p) => !done.has(p.key) && (attempts.get(p.key) ?? 0) < (options.maxAttempts ?? 3),
      )
      line += `${sessions.length} session(s), ${ended.length} ended, ${todo.length} to run`
      if (todo.length > 0) {
        for (const p of todo) attempts.set(p.key, (attempts.get(p.key) ?? 0) + 1)
        const trigger = 'schedule: session ended'
        const o = await options.run(todo, trigger)
        note(o, trigger)
        line += `; run ${o.runId} ${o.status} (${todo.map((p) => p.key).join(', ')})`
      }
      for (const c of options.crons ?? []) {
        const last = new Date(state.lastFired[c.expression] ?? at.toISOString())
        if (!firedBetween(c, last, at)) continue
        state.lastFired[c.expression] = at.toISOString()
        writeState(options.statePath, state)
        const trigger = `schedule: cron ${c.expression}`
        const o = await options.run(ended, trigger)
        note(o, trigger)
        line += `; cron '${c.expression}': ${o.status === 'nothing-new' ? 'nothing new' : `run ${o.runId} ${o.status}`}`
      }
    } catch (error) {
      line += `failed: ${error instanceof Error ? error.message : String(error)}`
      logger.error(line)
      line = ''
    }
    if (line !== '') logger.info(line)
    if (options.maxTicks !== undefined && ticks >= options.maxTicks) {
      return { ticks, runs, stoppedBy: 'max-ticks' }
    }
    await sleep(options.pollMs, options.signal)
  }
  return { ticks, runs, stoppedBy: 'signal' }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

function readState(path: string): CronState {
  if (!existsSync(path)) return { lastFired: {} }
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<CronState>
    return { lastFired: { ...(v.lastFired ?? {}) } }
  } catch {
    return { lastFired: {} }
  }
}

function writeState(path: string, state: CronState): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(tmp, path)
}
