/**
 * @module serve/routes/session-routes
 * What a session holds, one route per dataset, each a page of a gold (or silver) table filtered
 * by `session_key` (and optionally `driver_number`): leaderboard, results, laps, stints, pit
 * stops, weather, race control, positions per lap, driver summaries, team performance.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { ApiRoute } from '../api-types.js'
import { columnsOf, readPageJson, sqlTable, tableIn } from '../reads.js'
import {
  DriverSummaryRowSchema,
  LapPositionRowSchema,
  LapRowSchema,
  LeaderboardRowSchema,
  PitStopRowSchema,
  RaceControlRowSchema,
  RaceResultRowSchema,
  StintRowSchema,
  TeamPerformanceRowSchema,
  WeatherRowSchema,
} from '../schemas/session-schemas.js'
import { PROBLEM_RESPONSES, page, pageQuery } from '../schemas/common-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { BEARER, sendJson, type Api } from './api-app.js'

/** One dataset of a session. */
interface SessionDataset {
  readonly route: ApiRoute
  readonly summary: string
  readonly row: z.ZodObject
  readonly pageName: string
  readonly schema: 'gold_analytics' | 'silver_clean'
  readonly table: string
  readonly orderBy: string
  readonly byDriver: boolean
}

const DATASETS: readonly SessionDataset[] = [
  {
    route: 'GET /api/sessions/{session_key}/leaderboard',
    summary: 'Fastest valid lap per driver, ranked',
    row: LeaderboardRowSchema,
    pageName: 'LeaderboardPage',
    schema: 'gold_analytics',
    table: 'session_leaderboard',
    orderBy: 'position, driver_number',
    byDriver: false,
  },
  {
    route: 'GET /api/sessions/{session_key}/results',
    summary: 'Race classification from the laps, beside the official one',
    row: RaceResultRowSchema,
    pageName: 'RaceResultPage',
    schema: 'gold_analytics',
    table: 'race_results',
    orderBy: 'position, driver_number',
    byDriver: false,
  },
  {
    route: 'GET /api/sessions/{session_key}/laps',
    summary: 'Every lap of the session',
    row: LapRowSchema,
    pageName: 'LapPage',
    schema: 'gold_analytics',
    table: 'fact_laps',
    orderBy: 'driver_number, lap_number',
    byDriver: true,
  },
  {
    route: 'GET /api/sessions/{session_key}/stints',
    summary: 'Tyre strategy: one bar per stint',
    row: StintRowSchema,
    pageName: 'StintPage',
    schema: 'gold_analytics',
    table: 'tyre_strategy',
    orderBy: 'display_order, driver_number, stint_number',
    byDriver: true,
  },
  {
    route: 'GET /api/sessions/{session_key}/pit-stops',
    summary: 'Pit stops',
    row: PitStopRowSchema,
    pageName: 'PitStopPage',
    schema: 'gold_analytics',
    table: 'fact_pit_stops',
    orderBy: 'pit_at, driver_number',
    byDriver: true,
  },
  {
    route: 'GET /api/sessions/{session_key}/weather',
    summary: 'Weather samples (silver: needs silver grants)',
    row: WeatherRowSchema,
    pageName: 'WeatherPage',
    schema: 'silver_clean',
    table: 'silver_weather',
    orderBy: 'date',
    byDriver: false,
  },
  {
    route: 'GET /api/sessions/{session_key}/race-control',
    summary: 'Race control messages (silver: needs silver grants)',
    row: RaceControlRowSchema,
    pageName: 'RaceControlPage',
    schema: 'silver_clean',
    table: 'silver_race_control',
    orderBy: 'date, message',
    byDriver: false,
  },
  {
    route: 'GET /api/sessions/{session_key}/positions',
    summary: 'Position, gap to leader and interval per driver and lap',
    row: LapPositionRowSchema,
    pageName: 'LapPositionPage',
    schema: 'gold_analytics',
    table: 'lap_time_progression',
    orderBy: 'lap_number, position_at_lap, driver_number',
    byDriver: true,
  },
  {
    route: 'GET /api/sessions/{session_key}/drivers',
    summary: 'Per-driver summary: laps, consistency, sector bests, theoretical best',
    row: DriverSummaryRowSchema,
    pageName: 'DriverSummaryPage',
    schema: 'gold_analytics',
    table: 'driver_session_summary',
    orderBy: 'fastest_lap_time NULLS LAST, driver_number',
    byDriver: false,
  },
  {
    route: 'GET /api/sessions/{session_key}/teams',
    summary: 'Per-team performance and teammate gap',
    row: TeamPerformanceRowSchema,
    pageName: 'TeamPerformancePage',
    schema: 'gold_analytics',
    table: 'team_performance',
    orderBy: 'team_rank, team_category',
    byDriver: false,
  },
]

/** The `{session_key}` path parameter. */
export const sessionParams = z.object({
  session_key: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'session_key', in: 'path' }, example: 9550 }),
})

/** An optional `driver_number` filter. */
export const driverFilter = z.object({
  driver_number: z.coerce.number().int().min(1).max(999).optional(),
})

/** Registers the session dataset routes. */
export function registerSessionRoutes(app: Api, options: ServeOptions): void {
  for (const d of DATASETS) {
    const path = d.route.slice('GET '.length)
    const query = d.byDriver ? pageQuery(1000).merge(driverFilter) : pageQuery(1000)
    const route = createRoute({
      method: 'get',
      path,
      tags: ['sessions'],
      summary: d.summary,
      security: BEARER,
      request: { params: sessionParams, query },
      responses: {
        200: {
          description: d.summary,
          content: { 'application/json': { schema: page(d.row, d.pageName) } },
        },
        ...PROBLEM_RESPONSES,
      },
    })
    // The same for every request of the route: built once.
    const table = tableIn(options.defaultCatalog, d.schema, d.table)
    const select = `SELECT ${columnsOf(d.row.shape)} FROM ${sqlTable(table)}`
    app.openapi(route, async (c) => {
      const { session_key } = c.req.valid('param')
      const q = c.req.valid('query') as { limit: number; offset: number; driver_number?: number }
      const driver = q.driver_number === undefined ? '' : ` AND driver_number = ${q.driver_number}`
      const sql = `${select}
        WHERE session_key = ${session_key}${driver} ORDER BY ${d.orderBy}`
      return sendJson(c, d.route, await readPageJson(c, options, { sql, tables: [table] }, q))
    })
  }
}
