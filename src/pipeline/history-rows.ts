/**
 * @module pipeline/history-rows
 * The rows of the run history, `<catalog>.system.pipeline_runs` and
 * `<catalog>.system.pipeline_assets` (Dagster's run storage and materialization event log, as
 * two append-only Delta tables), and the SQL that writes them with fixed column types.
 *
 * `pipeline_runs` holds one row per change of a run's state; the row with the highest `seq` of a
 * run is its current state. `pipeline_assets` holds one row per asset × partition × attempt that
 * ended (a materialization, a check, a skip or a failure). Readers outside `pipeline` (the API)
 * use the same SQL: `QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY seq DESC) = 1`.
 */
import { sqlString } from '../core/index.js'
import type { SessionPartition } from './partitions.js'

/** The table holding run states. */
export const RUNS_TABLE = 'pipeline_runs'
/** The table holding asset materializations and checks. */
export const ASSETS_TABLE = 'pipeline_assets'

/** What kind of work a run did. */
export type RunKind = 'pipeline' | 'promote'

/** The state of a run. `running` after a crash means interrupted (see `RunView.status`). */
export type RunStatus = 'running' | 'success' | 'failed' | 'refused'

/** A step's state inside a run. */
export type StepStatus = 'pending' | 'running' | 'success' | 'failed' | 'skipped'

/** One state of a run (a row of `pipeline_runs`). JSON columns are parsed. */
export interface RunRecord {
  readonly runId: string
  /** Increases with every state written for the run. */
  readonly seq: number
  readonly kind: RunKind
  readonly status: RunStatus
  /** 1 for the first execution, +1 per resume. */
  readonly attempt: number
  readonly target: string
  readonly catalog: string
  /** `manual`, `schedule: session ended`, `schedule: cron 0 6 * * 1`, … */
  readonly trigger: string
  /** The options the run was started with (enough to resume it). */
  readonly params: Readonly<Record<string, unknown>>
  /** The sessions the run covers (none for a promotion). */
  readonly partitions: readonly SessionPartition[]
  /** State of each step, plus step data (e.g. the build selection). */
  readonly steps: Readonly<Record<string, StepState>>
  readonly startedAt: string
  readonly endedAt: string | null
  /** Counts for people: files, rows, nodes, tests. */
  readonly summary: Readonly<Record<string, unknown>>
  /** Source freshness measured by the run (dbt's sources.json results, condensed). */
  readonly freshness: readonly Readonly<Record<string, unknown>>[]
  readonly error: string | null
  readonly host: string
  readonly pid: number
  readonly recordedAt: string
}

/** A step's state. */
export interface StepState {
  readonly status: StepStatus
  readonly attempt: number
  readonly startedAt?: string
  readonly endedAt?: string
  readonly detail?: string
  /** Data a resumed run needs (the build's selection). */
  readonly data?: Readonly<Record<string, unknown>>
}

/** One ended asset × partition (a row of `pipeline_assets`). */
export interface AssetRecord {
  readonly runId: string
  readonly attempt: number
  /** `extract`, `load`, `build`, `promote`. */
  readonly step: string
  /** The asset key (`extract.laps`, `bronze.bronze_laps`, `model.pitwall.fact_laps`). */
  readonly asset: string
  /** `extract`, `bronze`, `model`, `snapshot`, `seed`, `test`, `unit_test`, `table`. */
  readonly kind: string
  /** The session key, or null for an asset built over all sessions at once. */
  readonly partition: string | null
  readonly season: number | null
  readonly meetingKey: number | null
  /** `success`, `skipped` (up to date), `failed`, `error`, `pass`, `fail`, `warn`. */
  readonly status: string
  readonly startedAt: string
  readonly endedAt: string
  readonly rows: number | null
  /** Why it failed, was skipped or warned. */
  readonly error: string | null
}

const nullable = (v: string | null, type = 'VARCHAR'): string =>
  v === null ? `NULL::${type}` : `${sqlString(v)}::${type}`
const num = (v: number | null, type: string): string =>
  v === null || !Number.isFinite(v) ? `NULL::${type}` : `${Math.trunc(v)}::${type}`
const json = (v: unknown): string => `${sqlString(JSON.stringify(v))}::VARCHAR`

/** SQL selecting the given run states with the table's column types. */
export function runRowsSql(rows: readonly RunRecord[]): string {
  const values = rows.map((r) =>
    [
      sqlString(r.runId),
      num(r.seq, 'INTEGER'),
      sqlString(r.kind),
      sqlString(r.status),
      num(r.attempt, 'INTEGER'),
      sqlString(r.target),
      sqlString(r.catalog),
      sqlString(r.trigger),
      json(r.params),
      json(r.partitions),
      json(r.steps),
      nullable(r.startedAt, 'TIMESTAMPTZ'),
      nullable(r.endedAt, 'TIMESTAMPTZ'),
      json(r.summary),
      json(r.freshness),
      nullable(r.error),
      sqlString(r.host),
      num(r.pid, 'INTEGER'),
      nullable(r.recordedAt, 'TIMESTAMPTZ'),
    ].join(', '),
  )
  return `SELECT * FROM (VALUES (${values.join('), (')})) AS t(run_id, seq, kind, status, attempt, target, catalog, trigger, params, partitions, steps, started_at, ended_at, summary, freshness, error, host, pid, recorded_at)`
}

/** SQL selecting the given asset rows with the table's column types. */
export function assetRowsSql(rows: readonly AssetRecord[], recordedAt: string): string {
  const values = rows.map((r) =>
    [
      sqlString(r.runId),
      num(r.attempt, 'INTEGER'),
      sqlString(r.step),
      sqlString(r.asset),
      sqlString(r.kind),
      nullable(r.partition),
      num(r.season, 'INTEGER'),
      num(r.meetingKey, 'BIGINT'),
      sqlString(r.status),
      nullable(r.startedAt, 'TIMESTAMPTZ'),
      nullable(r.endedAt, 'TIMESTAMPTZ'),
      num(r.rows, 'BIGINT'),
      nullable(r.error),
      nullable(recordedAt, 'TIMESTAMPTZ'),
    ].join(', '),
  )
  return `SELECT * FROM (VALUES (${values.join('), (')})) AS t(run_id, attempt, step, asset, kind, "partition", season, meeting_key, status, started_at, ended_at, "rows", error, recorded_at)`
}

/** Parses a `pipeline_runs` row as the engine returns it. */
export function parseRunRow(row: Readonly<Record<string, unknown>>): RunRecord {
  const text = (k: string): string =>
    row[k] === null || row[k] === undefined ? '' : String(row[k])
  const opt = (k: string): string | null =>
    row[k] === null || row[k] === undefined ? null : String(row[k])
  const parse = <T>(k: string, fallback: T): T => {
    try {
      return JSON.parse(text(k)) as T
    } catch {
      return fallback
    }
  }
  return {
    runId: text('run_id'),
    seq: Number(row['seq']),
    kind: text('kind') as RunKind,
    status: text('status') as RunStatus,
    attempt: Number(row['attempt']),
    target: text('target'),
    catalog: text('catalog'),
    trigger: text('trigger'),
    params: parse('params', {}),
    partitions: parse('partitions', []),
    steps: parse('steps', {}),
    startedAt: isoOf(row['started_at']) ?? '',
    endedAt: isoOf(row['ended_at']),
    summary: parse('summary', {}),
    freshness: parse('freshness', []),
    error: opt('error'),
    host: text('host'),
    pid: Number(row['pid']),
    recordedAt: isoOf(row['recorded_at']) ?? '',
  }
}

/** Parses a `pipeline_assets` row as the engine returns it. */
export function parseAssetRow(row: Readonly<Record<string, unknown>>): AssetRecord {
  const opt = (k: string): string | null =>
    row[k] === null || row[k] === undefined ? null : String(row[k])
  const n = (k: string): number | null =>
    row[k] === null || row[k] === undefined ? null : Number(row[k])
  return {
    runId: String(row['run_id']),
    attempt: Number(row['attempt']),
    step: String(row['step']),
    asset: String(row['asset']),
    kind: String(row['kind']),
    partition: opt('partition'),
    season: n('season'),
    meetingKey: n('meeting_key'),
    status: String(row['status']),
    startedAt: isoOf(row['started_at']) ?? '',
    endedAt: isoOf(row['ended_at']) ?? '',
    rows: n('rows'),
    error: opt('error'),
  }
}

function isoOf(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.toISOString()
  const s = String(v)
  const t = Date.parse(s)
  return Number.isFinite(t) ? new Date(t).toISOString() : s
}
