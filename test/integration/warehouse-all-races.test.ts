/**
 * Issue 18 "done when": the warehouse builds every recorded race it has not been tuned on. Every
 * race in `../shared/openf1/v1` with laps and session metadata (37 races, 2023–2024: red flags,
 * safety cars, lap-1 retirements, sessions without /drivers) is extracted from the replay server
 * (every endpoint but the telemetry ones: the telemetry models build empty), loaded with
 * `pitwall load` and built with `pitwall build`: no model errors, no data test fails, and no
 * plausibility check even warns. The headline query of the README (`race_results where position
 * <= 3`) has a race time on every row.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import type { NodeResult } from '../../src/transform/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import {
  build,
  extractAndLoad,
  openLakehouse,
  rows,
  table,
  type Lakehouse,
} from './warehouse-support.js'

/** Sessions of the recordings that have laps and a /sessions row. */
function recordedRaces(): number[] {
  const sessions = JSON.parse(
    readFileSync(sharedPath('openf1', 'v1', 'sessions.json'), 'utf8'),
  ) as { session_key: number }[]
  const known = new Set(sessions.map((s) => s.session_key))
  return readdirSync(sharedPath('openf1', 'v1', 'laps'))
    .map((f) => Number(/^session_key=(\d+)\.json(\.gz)?$/.exec(f)?.[1]))
    .filter((k) => known.has(k))
    .sort((a, b) => a - b)
}

describeShared('openf1/v1', 'the F1 warehouse on every recorded race', () => {
  let server: ReplayServer
  let lake: Lakehouse
  let races: number[]
  let results: NodeResult[]

  beforeAll(async () => {
    races = recordedRaces()
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1') })
    lake = await openLakehouse(mkdtempSync(join(tmpdir(), 'pitwall-all-races-')))
    await extractAndLoad(lake, server, races, new Date('2024-09-01T00:00:00Z'))
    results = build(lake)
  }, 600_000)

  afterAll(async () => {
    await lake?.close()
    await server?.close()
    if (lake !== undefined) rmSync(lake.home, { recursive: true, force: true })
  })

  it('finds the 37 recorded races of 2023-2024 with laps and session metadata', () => {
    expect(races).toHaveLength(37)
    expect(races).toContain(9496) // Japan 2024: red flag on lap 1
    expect(races).toContain(9523) // Monaco 2024: red flag on lap 1, no lap-1 durations
  })

  it('builds every node with no error, no failing test and no plausibility warning', async () => {
    const notPassed = results
      .filter((r) => !['success', 'pass'].includes(r.status))
      .map((r) => `${r.unique_id}: ${r.status} ${r.message ?? ''}`)
    expect(notPassed).toEqual([])
    expect(results.filter((r) => r.unique_id.startsWith('test.')).length).toBeGreaterThan(400)
    const built = await rows(
      lake,
      `select count(distinct session_key) as n from ${table('gold_analytics', 'fact_laps')}`,
    )
    expect(built).toEqual([{ n: races.length }])
  })

  it('gives every podium of the headline query a race time', async () => {
    const podium = await rows(
      lake,
      `select session_key, position, driver_number, race_time_seconds, laps_completed, status
       from ${table('gold_analytics', 'race_results')} where position <= 3
       order by session_key, position`,
    )
    expect(podium).toHaveLength(3 * races.length)
    for (const row of podium) {
      expect(row['status'], JSON.stringify(row)).toBe('Finished')
      // From lap 1's start (a restart after a lap-1 red flag) to the flag: more than 50 minutes
      // of racing, less than the 3-hour limit.
      expect(row['race_time_seconds'], JSON.stringify(row)).toBeGreaterThan(3000)
      expect(row['race_time_seconds'], JSON.stringify(row)).toBeLessThan(3 * 3600)
    }
  })
})
