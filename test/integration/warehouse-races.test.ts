/**
 * Issue #7 "done when", on the recordings: the four recorded races extracted from the replay
 * server, loaded with `pitwall load` and built with `pitwall build` (project `warehouse/`) reproduce the official
 * fastest laps (and their drivers) and the official podiums of 9531 and 9550, with every data
 * test passing; building two races and then adding two gives the same tables as building all
 * four at once; and a second build with no new data changes no table version (every Delta table
 * of the catalog).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { discoverTables } from '../../src/catalog/index.js'
import { LocalObjectStore, LogStore } from '../../src/lake/index.js'
import { startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import type { NodeResult } from '../../src/transform/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { CATALOG } from './load-support.js'
import {
  build,
  extractAndLoad,
  openLakehouse,
  rows,
  table,
  warehouseProject,
  type Lakehouse,
} from './warehouse-support.js'

/** The official results (../shared/openf1/README.md). */
const FASTEST_LAPS = [
  { session_key: 9189, driver_number: 81, lap: 95.49 },
  { session_key: 9488, driver_number: 16, lap: 79.813 },
  { session_key: 9531, driver_number: 44, lap: 74.856 },
  { session_key: 9550, driver_number: 14, lap: 67.694 },
]
const PODIUMS: Record<number, number[]> = { 9531: [1, 4, 63], 9550: [63, 81, 55] }
const RACES = [9189, 9488, 9531, 9550]

/**
 * Gold and silver tables whose rows must not depend on how the races arrived: the incremental
 * silver models, facts and per-session marts (merged per changed session) and the tables.
 */
const COMPARED = [
  ['silver_clean', 'silver_laps'],
  ['silver_clean', 'silver_drivers'],
  ['silver_clean', 'silver_stints'],
  ['silver_clean', 'silver_sessions'],
  ['gold_analytics', 'dim_sessions'],
  ['gold_analytics', 'dim_meetings'],
  ['gold_analytics', 'dim_teams'],
  ['gold_analytics', 'fact_laps'],
  ['gold_analytics', 'fact_stints'],
  ['gold_analytics', 'fact_pit_stops'],
  ['gold_analytics', 'session_leaderboard'],
  ['gold_analytics', 'driver_session_summary'],
  ['gold_analytics', 'team_performance'],
  ['gold_analytics', 'race_results'],
  ['gold_analytics', 'lap_time_progression'],
  ['gold_analytics', 'tyre_strategy'],
] as const

/**
 * The per-session facts and marts: incremental, each changed session's partition replaced
 * (delete+insert by session_key).
 */
const PER_SESSION = [
  'fact_laps',
  'fact_stints',
  'fact_pit_stops',
  'session_leaderboard',
  'driver_session_summary',
  'team_performance',
  'race_results',
  'lap_time_progression',
  'tyre_strategy',
]

function failures(results: readonly NodeResult[]): string[] {
  return results
    .filter((r) => !['success', 'pass'].includes(r.status))
    .map((r) => `${r.unique_id}: ${r.status} ${r.message ?? ''}`)
}

/** Columns that record when rows were loaded (or built), not what they say. */
async function loadTimeColumns(lake: Lakehouse, schema: string, name: string): Promise<string[]> {
  const described = await rows(lake, `describe select * from ${CATALOG}.${schema}.${name}`)
  const columns = described.map((c) => String(c['column_name']))
  const skip = ['ingested_at', 'source_file', 'source_ingested_at']
  return columns.filter((c) => skip.includes(c))
}

/** A table's rows as sorted JSON, without the load-time columns. */
async function content(lake: Lakehouse, schema: string, name: string): Promise<string[]> {
  const skip = await loadTimeColumns(lake, schema, name)
  const columns = skip.length === 0 ? '*' : `* exclude (${skip.join(', ')})`
  const r = await rows(lake, `select ${columns} from ${CATALOG}.${schema}.${name}`)
  return r.map((row) => JSON.stringify(row)).sort()
}

describeShared('openf1/v1', 'the F1 warehouse on the recorded races', () => {
  let server: ReplayServer
  const homes: string[] = []
  let all: Lakehouse
  let stepwise: Lakehouse
  let first: NodeResult[]
  let stepwiseResults: NodeResult[]

  const newHome = (): string => {
    const home = mkdtempSync(join(tmpdir(), 'pitwall-warehouse-'))
    homes.push(home)
    return home
  }

  beforeAll(async () => {
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1') })
    const project = warehouseProject()
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    all = await openLakehouse(newHome())
    await extractAndLoad(all, server, RACES, new Date('2024-07-01T00:00:00Z'))
    first = build(all)

    stepwise = await openLakehouse(newHome())
    await extractAndLoad(stepwise, server, [9189, 9488], new Date('2024-07-01T00:00:00Z'))
    build(stepwise, { tests: false })
    await extractAndLoad(stepwise, server, [9531, 9550], new Date('2024-07-02T00:00:00Z'))
    stepwiseResults = build(stepwise)
  }, 600_000)

  afterAll(async () => {
    await all?.close()
    await stepwise?.close()
    await server?.close()
    for (const home of homes) rmSync(home, { recursive: true, force: true })
  })

  it('builds every seed, model and snapshot and passes every data test', () => {
    expect(failures(first)).toEqual([])
    const tests = first.filter((r) => r.unique_id.startsWith('test.'))
    expect(tests.length).toBeGreaterThanOrEqual(117)
    const unitTests = first.filter((r) => r.unique_id.startsWith('unit_test.'))
    expect(unitTests.map((r) => r.status)).toEqual(Array(6).fill('pass'))
    expect(first.some((r) => r.unique_id === 'model.pitwall.race_results')).toBe(true)
    expect(first.some((r) => r.unique_id === 'snapshot.pitwall.driver_snapshot')).toBe(true)
  })

  it('builds the silver models of bronze tables that were never loaded, empty', async () => {
    const bronze = discoverTables(all.home, [CATALOG])
      .filter((t) => t.name.schema === 'bronze_raw')
      .map((t) => t.name.table)
    for (const missing of ['bronze_position', 'bronze_intervals', 'bronze_session_result'])
      expect(bronze).not.toContain(missing)
    for (const name of ['silver_position', 'silver_intervals', 'silver_session_result']) {
      expect(first.find((r) => r.unique_id === `model.pitwall.${name}`)?.status, name).toBe(
        'success',
      )
      expect(await rows(all, `select count(*) as n from ${table('silver_clean', name)}`)).toEqual([
        { n: 0 },
      ])
    }
  })

  it('reproduces the official fastest lap and its driver of every race', async () => {
    const board = await rows(
      all,
      `select session_key, driver_number, fastest_lap_time as lap
       from ${table('gold_analytics', 'session_leaderboard')} where position = 1 order by session_key`,
    )
    expect(board).toEqual(FASTEST_LAPS)
    const laps = await rows(
      all,
      `select session_key, driver_number, lap_duration as lap
       from ${table('gold_analytics', 'fact_laps')} where is_session_fastest_lap order by session_key`,
    )
    expect(laps).toEqual(FASTEST_LAPS)
  })

  it('classifies the official podiums of 9531 and 9550 from the laps', async () => {
    for (const [session, podium] of Object.entries(PODIUMS)) {
      const top = await rows(
        all,
        `select driver_number, status from ${table('gold_analytics', 'race_results')}
         where session_key = ${session} and position <= 3 order by position`,
      )
      expect(top).toEqual(podium.map((driver_number) => ({ driver_number, status: 'Finished' })))
    }
    const counts = await rows(
      all,
      `select session_key, count(*) as drivers from ${table('gold_analytics', 'race_results')}
       group by session_key order by session_key`,
    )
    expect(counts).toEqual([
      { session_key: 9189, drivers: 20 },
      { session_key: 9488, drivers: 19 },
      { session_key: 9531, drivers: 20 },
      { session_key: 9550, drivers: 20 },
    ])
  })

  it('rebuilds only the added sessions of the per-session facts and marts', async () => {
    for (const name of PER_SESSION) {
      const r = stepwiseResults.find((x) => x.unique_id === `model.pitwall.${name}`)
      expect(r?.message, name).toMatch(/^OK delete\+insert/)
      const added = await rows(
        stepwise,
        `select count(*) as n from ${table('gold_analytics', name)} where session_key in (9531, 9550)`,
      )
      expect(Number(added[0]?.['n']), name).toBeGreaterThan(0)
      expect(r?.adapter_response['rows_affected'], name).toBe(Number(added[0]?.['n']))
    }
  })

  it('filters the added build by the new session keys as literals, so scans prune by statistics', () => {
    const code = (name: string): string =>
      stepwiseResults.find((x) => x.unique_id === `model.pitwall.${name}`)?.compiled_code ?? ''
    // silver: the bronze read; gold: the changed sessions and the model's other reads (issue 16).
    expect(code('silver_laps')).toContain('where session_key in (9531, 9550)')
    expect(code('fact_laps')).toContain('where session_key in (9531, 9550)')
    expect(code('race_results')).toContain('and laps.session_key in (9531, 9550)')
  })

  it('gives the same tables when races arrive later as when built all at once', async () => {
    expect(failures(stepwiseResults)).toEqual([])
    for (const [schema, name] of COMPARED) {
      const once = await content(all, schema, name)
      expect(once.length, name).toBeGreaterThan(0)
      expect(await content(stepwise, schema, name), name).toEqual(once)
    }
  })

  it('changes no table version on a second build without new data', async () => {
    const before = await versions(all.home)
    const fact = await content(all, 'gold_analytics', 'fact_laps')
    const again = build(all, { tests: false })
    expect(failures(again)).toEqual([])
    // Every Delta table of the catalog: bronze, silver, gold, seeds, snapshots.
    expect(Object.keys(before).length).toBeGreaterThan(40)
    expect(await versions(all.home)).toEqual(before)
    const upToDate = again.filter((r) => r.message?.startsWith('up to date'))
    expect(upToDate.map((r) => r.unique_id)).toContain('model.pitwall.dim_teams')
    expect(upToDate.map((r) => r.unique_id)).toContain('seed.pitwall.team_categories')
    expect(upToDate.map((r) => r.unique_id)).toContain('snapshot.pitwall.driver_snapshot')
    // Incremental models too: their key literals stay out of the up-to-date fingerprint.
    expect(upToDate.map((r) => r.unique_id)).toContain('model.pitwall.silver_car_data')
    expect(upToDate.map((r) => r.unique_id)).toContain('model.pitwall.race_results')
    for (const name of ['silver_laps', 'silver_drivers', 'silver_stints', ...PER_SESSION]) {
      const r = again.find((x) => x.unique_id === `model.pitwall.${name}`)
      expect(r?.adapter_response['rows_affected'] ?? 0, name).toBe(0)
    }
    expect(await content(all, 'gold_analytics', 'fact_laps')).toEqual(fact)
  })
})

/** The latest version of every Delta table of the catalog, by `schema.table`. */
async function versions(home: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of discoverTables(home, [CATALOG])) {
    out[`${t.name.schema}.${t.name.table}`] = await new LogStore(
      new LocalObjectStore(t.path),
    ).latestVersion()
  }
  return out
}
