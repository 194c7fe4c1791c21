/**
 * @module serve/routes/telemetry-routes
 * One lap's telemetry for one or two drivers (speed trace and delta over distance) and the track
 * map. By default a driver's lap is their fastest, from `gold_analytics.track_map`; asking for a
 * given lap reads silver car data and locations (silver grants). DRS zones on the track map come
 * from silver car data and are left out for principals who may not read it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { ReadTable } from '../../catalog/index.js'
import type { ResultRow } from '../../engine/index.js'
import type { TelemetryLap } from '../api-types.js'
import { ApiError } from '../http-errors.js'
import { readRows, sqlTable, tableIn } from '../reads.js'
import { PROBLEM_RESPONSES } from '../schemas/common-schemas.js'
import { TelemetrySchema, TrackMapSchema } from '../schemas/telemetry-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { deltaOverDistance, traceOf, type LapSample } from '../telemetry.js'
import { BEARER, send, type Api } from './api-app.js'
import { sessionParams } from './session-routes.js'

const driversParam = z
  .string()
  .regex(/^\d{1,3}(,\d{1,3})?$/, 'one or two car numbers, comma-separated (e.g. 1,16)')
  .openapi({ example: '14,63' })

function samplesOf(rows: readonly ResultRow[]): LapSample[] {
  return rows.map((r) => ({
    date: String(r['date']),
    x: Number(r['x']),
    y: Number(r['y']),
    speed: r['speed'] === null ? null : Number(r['speed']),
    throttle: r['throttle'] === null ? null : Number(r['throttle']),
    n_gear: r['n_gear'] === null ? null : Number(r['n_gear']),
    is_braking: r['is_braking'] === null ? null : Boolean(r['is_braking']),
    drs_open: r['drs_open'] === null || r['drs_open'] === undefined ? null : Boolean(r['drs_open']),
  }))
}

/** Registers the telemetry and track map routes. */
export function registerTelemetryRoutes(app: Api, options: ServeOptions): void {
  const table = (schema: string, name: string): ReadTable =>
    tableIn(options.defaultCatalog, schema, name)
  const trackMap = table('gold_analytics', 'track_map')
  const laps = table('gold_analytics', 'fact_laps')
  const carData = table('silver_clean', 'silver_car_data')
  const locations = table('silver_clean', 'silver_locations')

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{session_key}/telemetry',
      tags: ['sessions'],
      summary: 'One lap of one or two drivers over distance (approximate), and their time delta',
      security: BEARER,
      request: {
        params: sessionParams,
        query: z.object({
          drivers: driversParam,
          lap: z.coerce.number().int().min(1).max(300).optional(),
        }),
      },
      responses: {
        200: {
          description: 'traces',
          content: { 'application/json': { schema: TelemetrySchema } },
        },
        ...PROBLEM_RESPONSES,
      },
    }),
    async (c) => {
      const { session_key } = c.req.valid('param')
      const q = c.req.valid('query')
      const drivers = q.drivers.split(',').map(Number)
      const traces: TelemetryLap[] = []
      for (const driver of drivers) {
        const rows =
          q.lap === undefined
            ? await readRows(c, options, {
                sql: `SELECT t.lap_number, t.date, t.position_x AS x, t.position_y AS y, t.speed, t.throttle,
                    t.n_gear, t.is_braking, NULL::BOOLEAN AS drs_open, l.lap_duration
                  FROM ${sqlTable(trackMap)} t LEFT JOIN ${sqlTable(laps)} l
                    ON l.session_key = t.session_key AND l.driver_number = t.driver_number AND l.lap_number = t.lap_number
                  WHERE t.session_key = ${session_key} AND t.driver_number = ${driver}
                  ORDER BY t.point_index`,
                tables: [trackMap, laps],
              })
            : await readRows(c, options, {
                sql: `WITH lap AS (SELECT lap_number, lap_start_at, lap_end_at, lap_duration FROM ${sqlTable(laps)}
                    WHERE session_key = ${session_key} AND driver_number = ${driver} AND lap_number = ${q.lap})
                  SELECT lap.lap_number, loc.date, loc.position_x AS x, loc.position_y AS y, car.speed, car.throttle,
                    car.n_gear, car.is_braking, car.is_drs_open AS drs_open, lap.lap_duration
                  FROM lap JOIN ${sqlTable(locations)} loc
                    ON loc.session_key = ${session_key} AND loc.driver_number = ${driver}
                    AND loc.date >= lap.lap_start_at AND loc.date <= lap.lap_end_at
                  ASOF LEFT JOIN ${sqlTable(carData)} car
                    ON car.session_key = loc.session_key AND car.driver_number = loc.driver_number AND car.date <= loc.date
                  ORDER BY loc.date`,
                tables: [laps, locations, carData],
              })
        if (rows.length === 0) {
          throw new ApiError(
            'not-found',
            `no telemetry for driver ${driver} in session ${session_key}${q.lap === undefined ? '' : ` lap ${q.lap}`}`,
          )
        }
        const first = rows[0]!
        const duration = first['lap_duration'] === null ? null : Number(first['lap_duration'])
        traces.push(traceOf(driver, Number(first['lap_number']), duration, samplesOf(rows)))
      }
      const delta = traces.length === 2 ? deltaOverDistance(traces[0]!, traces[1]!) : []
      return send(c, 'GET /api/sessions/{session_key}/telemetry', {
        session_key,
        source: q.lap === undefined ? 'track_map' : 'silver',
        laps: traces,
        delta,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{session_key}/track-map',
      tags: ['sessions'],
      summary: "A lap's path coloured by speed (the session's fastest driver by default)",
      security: BEARER,
      request: {
        params: sessionParams,
        query: z.object({ driver_number: z.coerce.number().int().min(1).max(999).optional() }),
      },
      responses: {
        200: {
          description: 'the path',
          content: { 'application/json': { schema: TrackMapSchema } },
        },
        ...PROBLEM_RESPONSES,
      },
    }),
    async (c) => {
      const { session_key } = c.req.valid('param')
      const { driver_number } = c.req.valid('query')
      const leaderboard = table('gold_analytics', 'session_leaderboard')
      const driver =
        driver_number ??
        (await (async () => {
          const [fastest] = await readRows(c, options, {
            sql: `SELECT driver_number FROM ${sqlTable(leaderboard)} WHERE session_key = ${session_key}
              ORDER BY position LIMIT 1`,
            tables: [leaderboard],
          })
          if (fastest === undefined)
            throw new ApiError('not-found', `no laps in session ${session_key}`)
          return Number(fastest['driver_number'])
        })())
      const rows = await readRows(c, options, {
        sql: `SELECT lap_number, position_x AS x, position_y AS y, progress, speed, date
          FROM ${sqlTable(trackMap)} WHERE session_key = ${session_key} AND driver_number = ${driver}
          ORDER BY point_index`,
        tables: [trackMap],
      })
      if (rows.length === 0) {
        throw new ApiError(
          'not-found',
          `no track map for driver ${driver} in session ${session_key}`,
        )
      }
      const lapNumber = Number(rows[0]!['lap_number'])
      const zones = (await options.reader.access.canRead(c.get('identity'), [carData])).allowed
        ? await drsZones()
        : []
      return send(c, 'GET /api/sessions/{session_key}/track-map', {
        session_key,
        driver_number: driver,
        lap_number: lapNumber,
        points: rows.map((r) => ({
          x: Number(r['x']),
          y: Number(r['y']),
          progress: Number(r['progress']),
          speed: r['speed'] === null ? null : Number(r['speed']),
        })),
        drs_zones: zones,
      })

      /**
       * The track's DRS zones as stretches of the lap (progress 0 → 1): over every driver's
       * fastest lap in `track_map`, where DRS was open (silver car data), in 1 % steps; a step
       * counts when two drivers (or the only one) had it open, so one odd sample makes no zone.
       */
      async function drsZones(): Promise<{ start: number; end: number }[]> {
        const steps = await readRows(c, options, {
          sql: `WITH laps AS (
              SELECT driver_number, min(date) AS t0, max(date) AS t1 FROM ${sqlTable(trackMap)}
              WHERE session_key = ${session_key} GROUP BY driver_number
            ), open AS (
              SELECT car.driver_number,
                floor(100 * (epoch(car.date) - epoch(laps.t0)) / nullif(epoch(laps.t1) - epoch(laps.t0), 0))::INTEGER AS step
              FROM ${sqlTable(carData)} car JOIN laps USING (driver_number)
              WHERE car.session_key = ${session_key} AND car.date BETWEEN laps.t0 AND laps.t1 AND car.is_drs_open
            )
            SELECT step, count(DISTINCT driver_number) AS drivers, (SELECT count(*) FROM laps) AS laps
            FROM open WHERE step BETWEEN 0 AND 99 GROUP BY step ORDER BY step`,
          tables: [trackMap, carData],
        })
        const zones: { start: number; end: number }[] = []
        for (const r of steps) {
          if (Number(r['drivers']) < Math.min(2, Number(r['laps']))) continue
          const step = Number(r['step'])
          const last = zones.at(-1)
          if (last !== undefined && Math.abs(last.end - step / 100) < 1e-9)
            last.end = (step + 1) / 100
          else zones.push({ start: step / 100, end: (step + 1) / 100 })
        }
        return zones
      }
    },
  )
}
