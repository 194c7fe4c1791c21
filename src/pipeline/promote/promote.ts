/**
 * @module pipeline/promote/promote
 * `pitwall promote --from stage --to prod`: the selected data tests run on the source catalog
 * first; any failure or error refuses the promotion (nothing is copied). Then each selected
 * table is deep-copied into the target catalog (see `copy-table.ts`). The promotion is a run in
 * the target's history (kind `promote`): the tests as checks, each table as an asset.
 */
import { newRunId } from '../run-id.js'
import type { AssetRecord } from '../history-rows.js'
import type { RunHistory } from '../run-history.js'
import { RunRecorder } from '../run-recorder.js'
import type { BuildOutcome } from '../pipeline-stages.js'
import type { CopyTableResult } from './copy-table.js'

/** One table to promote. */
export interface PromotedTable {
  /** `schema.table`. */
  readonly name: string
  readonly kind: string
}

/** The work of a promotion, wired by the CLI. */
export interface PromoteStages {
  /** Runs the selected data tests on the source catalog. */
  test(): Promise<BuildOutcome>
  /** The tables the selection covers that exist in the source. */
  tables(): Promise<PromotedTable[]>
  /** Copies one table from the source to the target catalog. */
  copy(table: PromotedTable): Promise<CopyTableResult>
}

/** Options of {@link promote}. */
export interface PromoteOptions {
  readonly stages: PromoteStages
  /** The target's history (the promotion is recorded there). */
  readonly history: RunHistory
  readonly from: { readonly target: string; readonly catalog: string }
  readonly to: { readonly target: string; readonly catalog: string }
  readonly params: Readonly<Record<string, unknown>>
}

/** How a promotion ended. */
export interface PromoteOutcome {
  readonly runId: string
  readonly status: 'success' | 'refused' | 'failed'
  readonly tests: {
    readonly passed: number
    readonly failed: readonly string[]
    readonly warned: number
  }
  readonly tables: readonly (PromotedTable & {
    readonly status: string
    readonly rows: number
    readonly error?: string
  })[]
  readonly message: string
}

/** Runs a promotion; see the module doc. */
export async function promote(options: PromoteOptions): Promise<PromoteOutcome> {
  const runId = newRunId()
  const startedAt = new Date().toISOString()
  const recorder = new RunRecorder(
    options.history,
    {
      runId,
      kind: 'promote',
      status: 'running',
      attempt: 1,
      target: options.to.target,
      catalog: options.to.catalog,
      trigger: `promote from ${options.from.target}`,
      params: options.params,
      partitions: [],
      steps: {
        test: { status: 'running', attempt: 1, startedAt },
        copy: { status: 'pending', attempt: 0 },
      },
      startedAt,
      endedAt: null,
      summary: {},
      freshness: [],
      error: null,
    },
    { deferred: false },
  )
  await recorder.begin()
  const tested = await options.stages.test()
  const now = () => new Date().toISOString()
  await recorder.record(
    tested.results.map((r) => ({
      runId,
      attempt: 1,
      step: 'test',
      asset: r.unique_id,
      kind: r.unique_id.split('.')[0] ?? 'test',
      partition: null,
      season: null,
      meetingKey: null,
      status: r.status,
      startedAt,
      endedAt: now(),
      rows: r.failures,
      error: r.status === 'pass' ? null : r.message,
    })),
  )
  const failed = tested.results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => r.unique_id)
  const tests = {
    passed: tested.results.filter((r) => r.status === 'pass').length,
    failed,
    warned: tested.results.filter((r) => r.status === 'warn').length,
  }
  if (failed.length > 0) {
    const message = `${failed.length} test(s) failed on ${options.from.catalog}: nothing was promoted`
    await recorder.update({
      status: 'refused',
      endedAt: now(),
      error: message,
      steps: {
        test: {
          status: 'failed',
          attempt: 1,
          startedAt,
          endedAt: now(),
          detail: failed.slice(0, 5).join(', '),
        },
        copy: { status: 'skipped', attempt: 0 },
      },
      summary: { tests },
    })
    return { runId, status: 'refused', tests, tables: [], message }
  }
  const testsDone = {
    status: 'success' as const,
    attempt: 1,
    startedAt,
    endedAt: now(),
    detail: `${tests.passed} passed, ${tests.warned} warned`,
  }
  await recorder.step('test', testsDone)
  await recorder.step('copy', { status: 'running', attempt: 1, startedAt: now() })
  const tables: PromoteOutcome['tables'][number][] = []
  const rows: AssetRecord[] = []
  for (const t of await options.stages.tables()) {
    const began = now()
    try {
      const r = await options.stages.copy(t)
      tables.push({ ...t, status: r.upToDate ? 'up to date' : 'copied', rows: r.rows })
      rows.push({
        runId,
        attempt: 1,
        step: 'copy',
        asset: `${options.to.catalog}.${t.name}`,
        kind: 'table',
        partition: null,
        season: null,
        meetingKey: null,
        status: r.upToDate ? 'skipped' : 'success',
        startedAt: began,
        endedAt: now(),
        rows: r.rows,
        error: r.upToDate
          ? `up to date: already holds version ${r.sourceVersion} of ${options.from.catalog}.${t.name}`
          : null,
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      tables.push({ ...t, status: 'failed', rows: 0, error: message })
      rows.push({
        runId,
        attempt: 1,
        step: 'copy',
        asset: `${options.to.catalog}.${t.name}`,
        kind: 'table',
        partition: null,
        season: null,
        meetingKey: null,
        status: 'failed',
        startedAt: began,
        endedAt: now(),
        rows: null,
        error: message,
      })
    }
  }
  await recorder.record(rows)
  const bad = tables.filter((t) => t.status === 'failed')
  const copied = tables.filter((t) => t.status === 'copied').length
  const message = `${copied} table(s) copied, ${tables.length - copied - bad.length} up to date, ${bad.length} failed (${options.from.catalog} → ${options.to.catalog})`
  await recorder.update({
    status: bad.length > 0 ? 'failed' : 'success',
    endedAt: now(),
    error: bad.length > 0 ? message : null,
    steps: {
      test: testsDone,
      copy: {
        status: bad.length > 0 ? 'failed' : 'success',
        attempt: 1,
        endedAt: now(),
        detail: message,
      },
    },
    summary: { tests, tables: tables.length, copied, failed: bad.length },
  })
  return { runId, status: bad.length > 0 ? 'failed' : 'success', tests, tables, message }
}
