/**
 * The API's row schemas name only columns the warehouse documents: each route selects the keys
 * of its row schema from a gold (or silver) model, so a column renamed or dropped in
 * `warehouse/models/**.yml` must fail here, not in production.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from '@hono/zod-openapi'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import * as f1 from '../../src/serve/schemas/f1-schemas.js'
import * as rows from '../../src/serve/schemas/session-schemas.js'
import { REPO_ROOT } from '../helpers/cli.js'

/** Every model's documented columns, from the warehouse's schema YAML. */
function documentedColumns(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : []
    })
  for (const file of walk(join(REPO_ROOT, 'warehouse', 'models'))) {
    const doc = parse(readFileSync(file, 'utf8')) as {
      models?: { name: string; columns?: { name: string }[] }[]
    }
    for (const m of doc?.models ?? [])
      out.set(m.name, new Set((m.columns ?? []).map((c) => c.name)))
  }
  return out
}

/** Each route's row schema and the model it selects from. */
const ROUTE_MODELS: [string, z.ZodObject][] = [
  ['dim_sessions', f1.SessionSchema],
  ['dim_meetings', f1.MeetingSchema],
  ['dim_drivers', f1.DriverSchema],
  ['dim_teams', f1.TeamSchema],
  ['session_leaderboard', rows.LeaderboardRowSchema],
  ['race_results', rows.RaceResultRowSchema],
  ['fact_laps', rows.LapRowSchema],
  ['tyre_strategy', rows.StintRowSchema],
  ['fact_pit_stops', rows.PitStopRowSchema],
  ['silver_weather', rows.WeatherRowSchema],
  ['silver_race_control', rows.RaceControlRowSchema],
  ['lap_time_progression', rows.LapPositionRowSchema],
  ['driver_session_summary', rows.DriverSummaryRowSchema],
  ['team_performance', rows.TeamPerformanceRowSchema],
]

describe('API columns', () => {
  const documented = documentedColumns()
  it.each(ROUTE_MODELS)('selects only documented columns of %s', (model, schema) => {
    const columns = documented.get(model)
    expect(columns, `${model} is not a documented model`).toBeDefined()
    const missing = Object.keys(schema.shape).filter((c) => !columns!.has(c))
    expect(missing).toEqual([])
  })

  it('reads the telemetry columns the track map and silver telemetry document', () => {
    const need: [string, string[]][] = [
      [
        'track_map',
        [
          'session_key',
          'driver_number',
          'lap_number',
          'point_index',
          'date',
          'progress',
          'position_x',
          'position_y',
          'speed',
          'throttle',
          'n_gear',
          'is_braking',
        ],
      ],
      [
        'silver_car_data',
        [
          'session_key',
          'driver_number',
          'date',
          'speed',
          'throttle',
          'n_gear',
          'is_braking',
          'is_drs_open',
        ],
      ],
      ['silver_locations', ['session_key', 'driver_number', 'date', 'position_x', 'position_y']],
      ['dim_drivers', ['is_current']],
    ]
    for (const [model, columns] of need) {
      expect(
        columns.filter((c) => !documented.get(model)?.has(c)),
        model,
      ).toEqual([])
    }
  })
})
