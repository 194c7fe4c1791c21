/**
 * The warehouse on simulated data (what `npm start` and the README's tour build): a simulated
 * race weekend's race, served by the replay server, extracted, loaded and built, passes every
 * data test, and the README's headline query (`race_results where position <= 3`) has race times
 * (issues 12 and 18: they were NULL because the simulator left lap 1's date_start empty) that
 * match the simulator's own classification (/session_result durations and gaps).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateSeasons, startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import type { NodeResult } from '../../src/transform/index.js'
import {
  build,
  ENDPOINTS,
  extractAndLoad,
  openLakehouse,
  rows,
  table,
  type Lakehouse,
} from './warehouse-support.js'

describe('the F1 warehouse on a simulated race', () => {
  let dir: string
  let server: ReplayServer
  let lake: Lakehouse
  let results: NodeResult[]
  let race: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pitwall-warehouse-sim-'))
    // Telemetry is written but never extracted here: a low rate keeps the simulation short.
    await simulateSeasons({
      seasons: [2024],
      meetings: 1,
      kinds: ['race'],
      outDir: join(dir, 'sim'),
      seed: 3,
      telemetryHz: 0.2,
    })
    server = await startReplayServer({ dataDir: join(dir, 'sim') })
    const sessions = JSON.parse(readFileSync(join(dir, 'sim', 'sessions.json'), 'utf8')) as {
      session_key: number
    }[]
    race = sessions[0]?.session_key ?? NaN
    lake = await openLakehouse(join(dir, 'lakehouse'))
    await extractAndLoad(lake, server, [race], new Date('2025-01-01T00:00:00Z'), [
      ...ENDPOINTS,
      'session_result',
    ])
    results = build(lake)
  }, 600_000)

  afterAll(async () => {
    await lake?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('builds with no error, failing test or warning', () => {
    const notPassed = results
      .filter((r) => !['success', 'pass'].includes(r.status))
      .map((r) => `${r.unique_id}: ${r.status} ${r.message ?? ''}`)
    expect(notPassed).toEqual([])
    expect(results.some((r) => r.unique_id === 'model.pitwall.race_results')).toBe(true)
  })

  it('gives the podium race times that match the simulated classification', async () => {
    const podium = await rows(
      lake,
      `select r.position, r.driver_number, r.race_time_seconds, o.position as official_position,
              o.duration_seconds, o.gap_to_leader_seconds
       from ${table('gold_analytics', 'race_results')} as r
       left join ${table('silver_clean', 'silver_session_result')} as o
         on o.session_key = r.session_key and o.driver_number = r.driver_number
       where r.session_key = ${race} and r.position <= 3 order by r.position`,
    )
    expect(podium).toHaveLength(3)
    const winner = podium[0]?.['duration_seconds'] as number
    expect(winner).toBeGreaterThan(3000)
    for (const row of podium) {
      const label = JSON.stringify(row)
      expect(row['official_position'], label).toBe(row['position'])
      // /session_result's duration is each classified car's race time; its gap, the difference.
      const time = row['race_time_seconds'] as number
      expect(Math.abs(time - (row['duration_seconds'] as number)), label).toBeLessThan(0.01)
      const gap = (row['gap_to_leader_seconds'] as number | null) ?? 0
      expect(Math.abs(time - winner - gap), label).toBeLessThan(0.01)
    }
  })
})
