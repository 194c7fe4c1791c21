/**
 * The API over a small real lakehouse (Delta tables, sandboxed DuckDB, grants, audit), through
 * `app.request()`: every route answers with its documented schema, grants decide what a token
 * reads (an analyst reads gold and gets 403 on bronze and silver through REST, SQL and export),
 * tokens are checked, time travel and exports work, and every request is audited.
 */
import { z } from '@hono/zod-openapi'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken, revokeToken } from '../../src/catalog/index.js'
import { API_ROUTES } from '../../src/serve/index.js'
import { ProblemSchema } from '../../src/serve/schemas/common-schemas.js'
import * as f1 from '../../src/serve/schemas/f1-schemas.js'
import * as rows from '../../src/serve/schemas/session-schemas.js'
import * as telemetry from '../../src/serve/schemas/telemetry-schemas.js'
import * as catalog from '../../src/serve/schemas/catalog-schemas.js'
import * as sqlSchemas from '../../src/serve/schemas/sql-schemas.js'
import * as wh from '../../src/serve/schemas/warehouse-schemas.js'
import { DEV } from './serve-fixture.js'
import { openServeHarness, type ServeHarness } from './serve-support.js'

let h: ServeHarness
beforeAll(async () => {
  h = await openServeHarness()
})
afterAll(async () => {
  await h?.close()
})

const page = (item: z.ZodType) =>
  z
    .object({
      items: z.array(item),
      limit: z.number(),
      offset: z.number(),
      next_offset: z.number().nullable(),
    })
    .strict()
const TABLE = `/api/catalogs/${DEV}/schemas/gold_analytics/tables/session_leaderboard`

/** Every GET route with a concrete path and the schema its answer must satisfy. */
const ROUTES: [string, z.ZodType][] = [
  ['/api/catalogs', page(catalog.CatalogInfoSchema)],
  [`/api/catalogs/${DEV}/schemas`, page(catalog.SchemaInfoSchema)],
  [`/api/catalogs/${DEV}/schemas/gold_analytics/tables`, page(catalog.TableSummarySchema)],
  [TABLE, catalog.TableDetailSchema],
  [`${TABLE}/columns`, page(catalog.ColumnDetailSchema)],
  [`${TABLE}/history`, page(catalog.TableVersionSchema)],
  [`${TABLE}/rows`, catalog.TableRowsSchema],
  ['/api/seasons', page(f1.SeasonSchema)],
  ['/api/meetings?year=2024', page(f1.MeetingSchema)],
  ['/api/sessions?year=2024&session_type=Race', page(f1.SessionSchema)],
  ['/api/sessions/9550', f1.SessionSchema],
  ['/api/sessions/9550/leaderboard', page(rows.LeaderboardRowSchema)],
  ['/api/sessions/9550/results', page(rows.RaceResultRowSchema)],
  ['/api/sessions/9550/laps?driver_number=14', page(rows.LapRowSchema)],
  ['/api/sessions/9550/stints', page(rows.StintRowSchema)],
  ['/api/sessions/9550/pit-stops', page(rows.PitStopRowSchema)],
  ['/api/sessions/9550/weather', page(rows.WeatherRowSchema)],
  ['/api/sessions/9550/race-control', page(rows.RaceControlRowSchema)],
  ['/api/sessions/9550/positions', page(rows.LapPositionRowSchema)],
  ['/api/sessions/9550/telemetry?drivers=14,63', telemetry.TelemetrySchema],
  ['/api/sessions/9550/track-map', telemetry.TrackMapSchema],
  ['/api/sessions/9550/drivers', page(rows.DriverSummaryRowSchema)],
  ['/api/sessions/9550/teams', page(rows.TeamPerformanceRowSchema)],
  ['/api/drivers?year=2024', page(f1.DriverSchema)],
  ['/api/drivers/14/sessions', page(rows.DriverSummaryRowSchema)],
  ['/api/teams', page(f1.TeamSchema)],
  ['/api/lineage', wh.LineageSchema],
  ['/api/tests', wh.TestResultsSchema],
  ['/api/tests/test.pitwall.unique_silver_laps_key/failures', wh.TestFailuresSchema],
  ['/api/runs', page(wh.PipelineRunSchema)],
  ['/api/freshness', wh.FreshnessSchema],
]

const json = async (r: Response) =>
  (await r.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] }

describe('the API', () => {
  it('answers every route with its documented schema', async () => {
    for (const [path, schema] of ROUTES) {
      const r = await h.request(path, { token: h.tokens.admin })
      expect(r.status, path).toBe(200)
      const parsed = schema.safeParse(await r.json())
      expect(parsed.success ? 'ok' : `${path}: ${JSON.stringify(parsed.error.issues[0])}`).toBe(
        'ok',
      )
    }
    const leaderboard = await json(
      await h.request('/api/sessions/9550/leaderboard', { token: h.tokens.admin }),
    )
    expect(leaderboard.items?.[0]).toMatchObject({
      position: 1,
      driver_number: 14,
      fastest_lap_time: 67.694,
    })
    const telemetry = await json(
      await h.request('/api/sessions/9550/telemetry?drivers=14,63', { token: h.tokens.admin }),
    )
    const delta = telemetry['delta'] as { delta: number }[]
    expect(delta.at(-1)?.delta).toBeCloseTo(67.8 - 67.694, 2)
    const map = await json(
      await h.request('/api/sessions/9550/track-map', { token: h.tokens.admin }),
    )
    // Both drivers had DRS open from 18.0 s to 32.4 s into laps of 67.7 s: 26 % → 48 %.
    expect(map['drs_zones']).toEqual([{ start: 0.26, end: 0.48 }])
  })

  it('documents every route of api-types in OpenAPI 3.1, and renders the reference', async () => {
    const doc = (await (await h.request('/api/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, Record<string, { security?: unknown[] }>>
    }
    expect(doc.openapi).toBe('3.1.0')
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    )
    expect(documented.sort()).toEqual([...API_ROUTES].sort())
    expect(doc.paths['/api/sessions/{session_key}/leaderboard']?.['get']?.security).toEqual([
      { bearer: [] },
    ])
    const page = await h.request('/api/docs')
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('/api/sessions/{session_key}/leaderboard')
  })

  it('lets an analyst read gold and answers 403 on bronze and silver through REST, SQL and export', async () => {
    const analyst = h.tokens.analyst
    expect((await h.request('/api/sessions/9550/leaderboard', { token: analyst })).status).toBe(200)
    const denied: Response[] = [
      await h.request('/api/sessions/9550/weather', { token: analyst }),
      await h.request(`/api/catalogs/${DEV}/schemas/bronze_raw/tables/bronze_laps/rows`, {
        token: analyst,
      }),
      await h.request(`/api/catalogs/${DEV}/schemas/silver_clean/tables/silver_laps`, {
        token: analyst,
      }),
      await h.request(
        `/api/catalogs/${DEV}/schemas/bronze_raw/tables/bronze_laps/export?format=csv`,
        { token: analyst },
      ),
      await h.request('/api/sql', {
        token: analyst,
        body: { sql: `select * from ${DEV}.bronze_raw.bronze_laps` },
      }),
      await h.request('/api/sql', {
        token: analyst,
        body: { sql: 'select * from silver_clean.silver_laps' },
      }),
      await h.request('/api/sql/export', {
        token: analyst,
        body: { sql: `select * from ${DEV}.silver_clean.silver_laps`, format: 'parquet' },
      }),
    ]
    for (const r of denied) {
      expect(r.status).toBe(403)
      expect(r.headers.get('content-type')).toBe('application/problem+json')
      const body = ProblemSchema.parse(await r.json())
      expect(body.code).toBe('access-denied')
      expect(body.detail).toMatch(
        /data_analysts lacks USE SCHEMA on dev_f1_data_analytics\.(bronze_raw|silver_clean)/,
      )
    }
    const sql = await h.request('/api/sql', {
      token: analyst,
      body: {
        sql: `select driver_number from ${DEV}.gold_analytics.session_leaderboard order by position`,
      },
    })
    expect((await json(sql))['rows']).toEqual([
      { driver_number: 14 },
      { driver_number: 63 },
      { driver_number: 81 },
    ])
  })

  it('shows a principal only what it may read', async () => {
    const names = async (path: string, token: string) =>
      ((await json(await h.request(path, { token }))).items ?? []).map(
        (i) => i['name'] ?? i['unique_id'],
      )
    expect(await names(`/api/catalogs/${DEV}/schemas`, h.tokens.analyst)).toEqual([
      'gold_analytics',
    ])
    expect(await names(`/api/catalogs/${DEV}/schemas`, h.tokens.admin)).toEqual([
      'bronze_raw',
      'silver_clean',
      'gold_analytics',
      'system',
    ])
    const lineage = async (token: string) =>
      ((await json(await h.request('/api/lineage', { token })))['nodes'] as { name: string }[])
        .map((n) => n.name)
        .sort()
    expect(await lineage(h.tokens.analyst)).toEqual(['fact_laps', 'session_leaderboard'])
    expect(await lineage(h.tokens.admin)).toEqual([
      'bronze_laps',
      'fact_laps',
      'session_leaderboard',
      'silver_laps',
    ])
    const tests = (await json(await h.request('/api/tests', { token: h.tokens.analyst })))[
      'results'
    ] as { unique_id: string }[]
    expect(tests.map((t) => t.unique_id)).toEqual([
      'test.pitwall.not_null_session_leaderboard_position',
    ])
    expect(
      (await json(await h.request('/api/freshness', { token: h.tokens.analyst })))['sources'],
    ).toEqual([])
    expect(
      (
        await h.request(`/api/catalogs/${DEV}/schemas/bronze_raw/tables`, {
          token: h.tokens.analyst,
        })
      ).status,
    ).toBe(404)
  })

  it('answers 401 without a token or with a wrong, revoked or expired one, saying the same thing', async () => {
    const expired = await createToken(h.governance.storage, DEV, {
      principal: 'admin',
      expiresAt: new Date(Date.now() - 1000),
    })
    const revoked = await createToken(h.governance.storage, DEV, {
      principal: 'admin',
      expiresAt: new Date(Date.now() + 60_000),
    })
    await revokeToken(h.governance.storage, DEV, revoked.record.tokenId)
    h.governance.access.invalidate()
    const wrong = `${h.tokens.admin.slice(0, -4)}AAAA`
    const details = new Set<string>()
    for (const token of [wrong, expired.token, revoked.token, 'not-a-token']) {
      const r = await h.request('/api/sessions/9550/leaderboard', { token })
      expect(r.status).toBe(401)
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const body = ProblemSchema.parse(await r.json())
      expect(body.code).toBe('unauthorized')
      details.add(body.detail)
    }
    expect(details.size).toBe(1)
    const none = await h.request('/api/sessions/9550/leaderboard', { token: null })
    expect(none.status).toBe(401)
    expect((await json(none))['detail']).toMatch(/Authorization: Bearer/)
    const basic = await h.request('/api/me', {
      headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' },
    })
    expect(basic.status).toBe(401)
    expect((await h.request('/api/health')).status).toBe(200)
  })

  it('reads a table at an earlier version (time travel)', async () => {
    const name = `/api/catalogs/${DEV}/schemas/gold_analytics/tables/team_performance`
    await h.fixture.write(
      DEV,
      'gold_analytics',
      'team_performance',
      'SELECT 9550::BIGINT AS session_key, 1::BIGINT AS team_rank',
    )
    // The view follows the new version within the background refresh; force it for the test.
    await h.governance.lakehouse.refresh()
    const now = await json(await h.request(`${name}/rows`, { token: h.tokens.analyst }))
    const v0 = await json(await h.request(`${name}/rows?version=0`, { token: h.tokens.analyst }))
    expect([now['version'], (now['rows'] as unknown[]).length]).toEqual([1, 1])
    expect([v0['version'], (v0['rows'] as unknown[]).length]).toEqual([0, 3])
    const history = await json(await h.request(`${name}/history`, { token: h.tokens.analyst }))
    expect(history.items?.map((v) => v['version'])).toEqual([1, 0])
    expect((await h.request(`${name}/rows?version=7`, { token: h.tokens.analyst })).status).toBe(
      404,
    )
  })

  it('streams CSV and Parquet exports of tables and queries', async () => {
    const csv = await h.request(`${TABLE}/export?format=csv`, { token: h.tokens.analyst })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="${DEV}.gold_analytics.session_leaderboard.csv"`,
    )
    const lines = (await csv.text()).trimEnd().split('\r\n')
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['session_key', 'position', 'driver_number'])
    expect(lines).toHaveLength(4)
    const parquet = await h.request('/api/sql/export', {
      token: h.tokens.analyst,
      body: {
        sql: `select n from ${DEV}.gold_analytics.numbers where n < 1234`,
        format: 'parquet',
      },
    })
    expect(parquet.status).toBe(200)
    expect(parquet.headers.get('content-type')).toBe('application/vnd.apache.parquet')
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-download-'))
    try {
      const file = join(dir, 'q.parquet')
      writeFileSync(file, new Uint8Array(await parquet.arrayBuffer()))
      expect(
        await h.fixture.engine.all(
          `select count(*) as n, max(n) as top from read_parquet('${file}')`,
        ),
      ).toEqual([{ n: 1234, top: 1233 }])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('runs one SELECT on POST /api/sql and says when it cut the rows at the limit', async () => {
    const r = await h.request('/api/sql', {
      token: h.tokens.admin,
      body: {
        sql: `select a.n, b.n as m from ${DEV}.gold_analytics.numbers a, gold_analytics.numbers b`,
        limit: 5000,
      },
    })
    const body = sqlSchemas.SqlResultSchema.parse(await r.json())
    expect([body.row_count, body.truncated, body.limit]).toEqual([5000, true, 5000])
    expect(body.tables).toEqual([`${DEV}.gold_analytics.numbers`])
    expect(r.headers.get('x-request-id')).toBe(body.request_id)
  })

  it('audits every request: who, what, objects, rows, outcome, status, and the plan of SQL', async () => {
    const before = (await h.audit()).length
    const ids: string[] = []
    for (const [path, token] of [
      ['/api/sessions/9550/leaderboard', h.tokens.analyst],
      ['/api/sessions/9550/weather', h.tokens.analyst],
      [
        '/api/sessions/9550/leaderboard',
        'pwt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ],
      ['/api/sessions/abc/leaderboard', h.tokens.analyst],
      ['/api/nowhere', h.tokens.analyst],
    ] as const) {
      ids.push((await h.request(path, { token })).headers.get('x-request-id') ?? '')
    }
    const sql = await h.request('/api/sql', {
      token: h.tokens.admin,
      body: { sql: `select count(*) from ${DEV}.gold_analytics.numbers` },
    })
    ids.push(sql.headers.get('x-request-id') ?? '')
    const rows = (await h.audit()).slice(before)
    const byId = new Map(rows.map((r) => [r['request_id'], r]))
    expect(ids.map((id) => byId.has(id))).toEqual(ids.map(() => true))
    expect(rows).toHaveLength(ids.length)
    const at = (i: number) => byId.get(ids[i])!
    expect(at(0)).toMatchObject({
      principal: 'data_analysts',
      action: 'api.read',
      outcome: 'ok',
      allowed: true,
      status_code: 200,
      row_count: 3,
      objects: [`${DEV}.gold_analytics.session_leaderboard`],
      resource: 'GET /api/sessions/{session_key}/leaderboard',
    })
    expect(at(1)).toMatchObject({
      principal: 'data_analysts',
      outcome: 'denied',
      allowed: false,
      status_code: 403,
      objects: [`${DEV}.silver_clean.silver_weather`],
    })
    expect(at(2)).toMatchObject({
      principal: null,
      outcome: 'unauthenticated',
      allowed: false,
      status_code: 401,
      reason: 'token unknown',
    })
    expect(at(3)).toMatchObject({
      principal: 'data_analysts',
      outcome: 'refused',
      status_code: 400,
    })
    expect(at(4)).toMatchObject({
      principal: 'data_analysts',
      outcome: 'refused',
      status_code: 404,
    })
    expect(at(5)).toMatchObject({
      principal: 'admin',
      action: 'sql.query',
      outcome: 'ok',
      row_count: 1,
    })
    expect(String(at(5)['plan'])).toMatch(/PARQUET|SCAN|numbers/i)
    expect(String(at(5)['sql_text'])).toContain('count(*)')
    expect(JSON.stringify(rows)).not.toMatch(/pwt_[a-z0-9]{12}_[A-Za-z0-9_-]{20,}/)
    // Admins query it like any table; analysts may not.
    const mine = await h.request('/api/sql', {
      token: h.tokens.admin,
      body: {
        sql: `select count(*) as n from ${DEV}.system.audit_log where principal = 'data_analysts'`,
      },
    })
    expect(((await json(mine))['rows'] as { n: number }[])[0]?.n).toBeGreaterThan(0)
    const theirs = await h.request('/api/sql', {
      token: h.tokens.analyst,
      body: { sql: `select * from ${DEV}.system.audit_log` },
    })
    expect(theirs.status).toBe(403)
  })
})
