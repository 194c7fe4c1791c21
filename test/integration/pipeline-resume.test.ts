/**
 * Issue 12 "done when": a run killed (SIGKILL) during load and again during build, then resumed
 * with `pitwall pipeline --resume <id>`, ends with exactly the tables of an uninterrupted run,
 * row for row. Small simulated data (one race, no telemetry) keeps it quick.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { loadSnapshot, objectStoreFor, scanSql } from '../../src/lake/index.js'
import { simulateSeasons, startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { pitwall, startPitwall, waitFor } from './pipeline-support.js'

const ENDPOINTS =
  'sessions,meetings,drivers,laps,stints,pit,weather,race_control,session_result,position,intervals'
const CATALOG = 'dev_f1_data_analytics'
/** Tables whose rows do not depend on when they were built (as warehouse-races.test.ts). */
const COMPARED = [
  'bronze_raw/bronze_laps',
  'silver_clean/silver_laps',
  'silver_clean/silver_drivers',
  'silver_clean/silver_stints',
  'silver_clean/silver_sessions',
  'gold_analytics/dim_sessions',
  'gold_analytics/dim_meetings',
  'gold_analytics/dim_teams',
  'gold_analytics/fact_laps',
  'gold_analytics/fact_stints',
  'gold_analytics/fact_pit_stops',
  'gold_analytics/session_leaderboard',
  'gold_analytics/driver_session_summary',
  'gold_analytics/team_performance',
  'gold_analytics/race_results',
  'gold_analytics/lap_time_progression',
  'gold_analytics/tyre_strategy',
]
/** Columns that record when or from which file rows were loaded, not what they say. */
const LOAD_TIME = [
  'ingested_at',
  'source_file',
  'source_ingested_at',
  '_ingestion_timestamp',
  '_source_file',
  'batch_day',
]

let tmp: string
let server: ReplayServer
let engine: DuckDbEngine
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pitwall-resume-'))
  await simulateSeasons({
    seasons: [2024],
    meetings: 1,
    kinds: ['race'],
    outDir: join(tmp, 'sim'),
    seed: 7,
    telemetryHz: 0.2,
  })
  server = await startReplayServer({ dataDir: join(tmp, 'sim') })
  engine = await DuckDbEngine.create()
}, 120_000)
afterAll(async () => {
  await engine?.close()
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

const args = (home: string, ...rest: string[]) => [
  '--home',
  home,
  '--json',
  'pipeline',
  '--base-url',
  server.url,
  '--year',
  '2024',
  '--endpoints',
  ENDPOINTS,
  '--rate',
  '200/s',
  ...rest,
]

/** True once any table of `schema` has a commit. */
const hasCommit = (home: string, schema: string) => () => {
  const dir = join(home, CATALOG, schema)
  return (
    existsSync(dir) &&
    readdirSync(dir).some((t) =>
      existsSync(join(dir, t, '_delta_log', '00000000000000000000.json')),
    )
  )
}

async function content(home: string, table: string): Promise<string[]> {
  const snapshot = await loadSnapshot(objectStoreFor(join(home, CATALOG, table)), { sql: engine })
  const scan = await scanSql(snapshot, { sql: engine })
  const cols = snapshot.schema.fields.map((f) => f.name).filter((c) => !LOAD_TIME.includes(c))
  const rows = await engine.all(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM (${scan})`)
  return rows
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    .sort()
}

interface RunJson {
  runId: string
  display: string
  attempt: number
  steps: Record<string, { status: string }>
}
async function lastRun(home: string): Promise<RunJson> {
  const r = await pitwall(['--home', home, '--json', 'runs', '--last', '1'])
  return (JSON.parse(r.stdout) as { runs: RunJson[] }).runs[0] as RunJson
}

describe('pitwall pipeline --resume', () => {
  it('ends a run killed during load and during build with the tables of an uninterrupted run', async () => {
    const straight = join(tmp, 'straight')
    const done = await pitwall(args(straight))
    expect(done.code, done.stderr.slice(-2000)).toBe(0)

    const home = join(tmp, 'killed')
    const first = startPitwall(args(home))
    await waitFor(hasCommit(home, 'bronze_raw'), 6000, 10)
    first.child.kill('SIGKILL')
    await first.done
    let run = await lastRun(home)
    expect(run).toMatchObject({ display: 'interrupted', attempt: 1 })
    expect(run.steps['load']?.status).toBe('running')

    const second = startPitwall(args(home, '--resume', run.runId))
    await waitFor(hasCommit(home, 'silver_clean'), 6000, 10)
    second.child.kill('SIGKILL')
    await second.done
    run = await lastRun(home)
    expect(run).toMatchObject({ display: 'interrupted', attempt: 2 })
    expect(run.steps['load']?.status).toBe('success')
    expect(run.steps['build']?.status).toBe('running')

    const third = await pitwall(args(home, '--resume', run.runId))
    expect(third.code, third.stderr.slice(-2000)).toBe(0)
    expect(JSON.parse(third.stdout)).toMatchObject({
      runId: run.runId,
      attempt: 3,
      status: 'success',
    })
    expect(await lastRun(home)).toMatchObject({ display: 'success', attempt: 3 })

    for (const table of COMPARED) {
      expect(await content(home, table), table).toEqual(await content(straight, table))
    }
    const resumedAgain = await pitwall(args(home, '--resume', run.runId))
    expect(resumedAgain.code).toBe(1)
    expect(resumedAgain.stdout).toContain('finished successfully')
  }, 600_000)
})
