/**
 * @module serve/routes/f1-routes
 * The Formula 1 index: seasons, meetings, sessions (season → meeting → session pickers), one
 * session, drivers and their sessions, teams. All from the gold dimensions.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { sqlString } from '../../core/index.js'
import type { Season, Session } from '../api-types.js'
import { ApiError } from '../http-errors.js'
import { columnsOf, onePage, readPage, readRows, sqlTable, tableIn } from '../reads.js'
import { filterText, page, pageQuery } from '../schemas/common-schemas.js'
import {
  DriverSchema,
  MeetingSchema,
  SeasonSchema,
  SessionSchema,
  TeamSchema,
} from '../schemas/f1-schemas.js'
import { DriverSummaryRowSchema } from '../schemas/session-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import { BEARER, ok, send, type Api } from './api-app.js'
import { sessionParams } from './session-routes.js'

const year = z.object({ year: z.coerce.number().int().min(1950).max(2100).optional() })

/** Registers the F1 index routes. */
export function registerF1Routes(app: Api, options: ServeOptions): void {
  const gold = (table: string) => tableIn(options.defaultCatalog, 'gold_analytics', table)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/seasons',
      tags: ['f1'],
      summary: 'Seasons in the warehouse',
      security: BEARER,
      responses: ok(page(SeasonSchema, 'SeasonPage'), 'seasons, newest first'),
    }),
    async (c) => {
      const t = gold('dim_sessions')
      const rows = await readRows(c, options, {
        sql: `SELECT year, count(DISTINCT meeting_key)::INTEGER AS meetings, count(*)::INTEGER AS sessions,
          (count(*) FILTER (WHERE is_race))::INTEGER AS races
          FROM ${sqlTable(t)} WHERE year IS NOT NULL GROUP BY year ORDER BY year DESC`,
        tables: [t],
      })
      return send(c, 'GET /api/seasons', onePage(rows as unknown as Season[]))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/meetings',
      tags: ['f1'],
      summary: 'Meetings (race weekends)',
      security: BEARER,
      request: { query: pageQuery(1000).merge(year) },
      responses: ok(page(MeetingSchema, 'MeetingPage'), 'meetings by start date'),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const t = gold('dim_meetings')
      const where = q.year === undefined ? '' : `WHERE year = ${q.year}`
      const sql = `SELECT ${columnsOf(MeetingSchema.shape)} FROM ${sqlTable(t)} ${where}
        ORDER BY date_start NULLS LAST, meeting_key`
      return send(c, 'GET /api/meetings', await readPage(c, options, { sql, tables: [t] }, q))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions',
      tags: ['f1'],
      summary: 'Sessions',
      security: BEARER,
      request: {
        query: pageQuery(1000)
          .merge(year)
          .extend({
            meeting_key: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
            session_type: filterText.optional().openapi({ example: 'Race' }),
          }),
      },
      responses: ok(page(SessionSchema, 'SessionPage'), 'sessions by start date'),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const t = gold('dim_sessions')
      const where = [
        q.year === undefined ? undefined : `year = ${q.year}`,
        q.meeting_key === undefined ? undefined : `meeting_key = ${q.meeting_key}`,
        q.session_type === undefined ? undefined : `session_type = ${sqlString(q.session_type)}`,
      ].filter((w) => w !== undefined)
      const sql = `SELECT ${columnsOf(SessionSchema.shape)} FROM ${sqlTable(t)}
        ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
        ORDER BY date_start NULLS LAST, session_key`
      return send(c, 'GET /api/sessions', await readPage(c, options, { sql, tables: [t] }, q))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions/{session_key}',
      tags: ['f1'],
      summary: 'One session',
      security: BEARER,
      request: { params: sessionParams },
      responses: ok(SessionSchema, 'the session'),
    }),
    async (c) => {
      const { session_key } = c.req.valid('param')
      const t = gold('dim_sessions')
      const [row] = await readRows(c, options, {
        sql: `SELECT ${columnsOf(SessionSchema.shape)} FROM ${sqlTable(t)} WHERE session_key = ${session_key}`,
        tables: [t],
      })
      if (row === undefined) throw new ApiError('not-found', `no session ${session_key}`)
      return send(c, 'GET /api/sessions/{session_key}', row as unknown as Session)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/drivers',
      tags: ['f1'],
      summary: 'Drivers (current version of each)',
      security: BEARER,
      request: { query: pageQuery(1000).merge(year) },
      responses: ok(page(DriverSchema, 'DriverPage'), 'drivers by number'),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const drivers = gold('dim_drivers')
      const tables = [drivers]
      let where = 'WHERE is_current'
      if (q.year !== undefined) {
        const summary = gold('driver_session_summary')
        const sessions = gold('dim_sessions')
        tables.push(summary, sessions)
        where += ` AND driver_number IN (SELECT s.driver_number FROM ${sqlTable(summary)} s
          JOIN ${sqlTable(sessions)} d USING (session_key) WHERE d.year = ${q.year})`
      }
      const sql = `SELECT ${columnsOf(DriverSchema.shape)} FROM ${sqlTable(drivers)} ${where}
        ORDER BY driver_number`
      return send(c, 'GET /api/drivers', await readPage(c, options, { sql, tables }, q))
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/drivers/{driver_number}/sessions',
      tags: ['f1'],
      summary: "A driver's summary in every session",
      security: BEARER,
      request: {
        params: z.object({
          driver_number: z.coerce
            .number()
            .int()
            .min(1)
            .max(999)
            .openapi({ param: { name: 'driver_number', in: 'path' }, example: 14 }),
        }),
        query: pageQuery(1000),
      },
      responses: ok(page(DriverSummaryRowSchema, 'DriverSessionsPage'), 'sessions in key order'),
    }),
    async (c) => {
      const { driver_number } = c.req.valid('param')
      const t = gold('driver_session_summary')
      const sql = `SELECT ${columnsOf(DriverSummaryRowSchema.shape)} FROM ${sqlTable(t)}
        WHERE driver_number = ${driver_number} ORDER BY session_key`
      const body = await readPage(c, options, { sql, tables: [t] }, c.req.valid('query'))
      return send(c, 'GET /api/drivers/{driver_number}/sessions', body as never)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/teams',
      tags: ['f1'],
      summary: 'Teams',
      security: BEARER,
      request: { query: pageQuery(1000) },
      responses: ok(page(TeamSchema, 'TeamPage'), 'teams by name'),
    }),
    async (c) => {
      const t = gold('dim_teams')
      const sql = `SELECT ${columnsOf(TeamSchema.shape)} FROM ${sqlTable(t)} ORDER BY team_name`
      return send(
        c,
        'GET /api/teams',
        await readPage(c, options, { sql, tables: [t] }, c.req.valid('query')),
      )
    },
  )
}
