/**
 * Hostile inputs against the governed read path, over the API and through `pitwall sql --as`:
 * each is refused or cut off with a clear problem+json (or a clear CLI error) that leaks nothing
 * (no server paths, no stack), and each API request is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { ProblemSchema } from '../../src/serve/schemas/common-schemas.js'
import { DEV } from './serve-fixture.js'
import { openServeHarness, type ServeHarness } from './serve-support.js'

let h: ServeHarness
let filesOfBronze: string
beforeAll(async () => {
  h = await openServeHarness({ limits: { timeoutMs: 2000, maxBodyBytes: 4096 } })
  filesOfBronze = `${h.fixture.home}/${DEV}/bronze_raw/bronze_laps/*.parquet`
})
afterAll(async () => {
  await h?.close()
})

/** Hostile SQL, the guard's verdict (API status and code; CLI message). */
const HOSTILE_SQL: [string, () => string, number, string, RegExp][] = [
  [
    'stacked statements',
    () => `select 1; drop table ${DEV}.gold_analytics.numbers`,
    400,
    'sql-refused',
    /not a SELECT/,
  ],
  ['two SELECTs', () => 'select 1; select 2', 400, 'sql-refused', /exactly one statement/],
  [
    'a comment hiding a second statement',
    () => "select 1 /* harmless */; -- see\ncopy (select 1) to '/tmp/x.csv'",
    400,
    'sql-refused',
    /not a SELECT/,
  ],
  [
    "read_csv('/etc/passwd')",
    () => "select * from read_csv('/etc/passwd')",
    400,
    'sql-refused',
    /table function read_csv/,
  ],
  [
    "read_parquet of a table's files",
    () => `select * from read_parquet('${filesOfBronze}')`,
    400,
    'sql-refused',
    /table function read_parquet/,
  ],
  ['glob', () => "select * from glob('/**')", 400, 'sql-refused', /table function glob/],
  [
    'COPY … TO',
    () => `copy (select * from ${DEV}.gold_analytics.numbers) to '/tmp/stolen.csv'`,
    400,
    'sql-refused',
    /not a SELECT/,
  ],
  ['ATTACH', () => "attach '/tmp/other.duckdb' as other", 400, 'sql-refused', /not a SELECT/],
  ['INSTALL', () => 'install httpfs', 400, 'sql-refused', /not a SELECT/],
  ['LOAD', () => 'load httpfs', 400, 'sql-refused', /not a SELECT/],
  ['SET', () => 'set enable_external_access = true', 400, 'sql-refused', /not a SELECT/],
  ['PRAGMA', () => 'pragma show_tables', 400, 'sql-refused', /not a SELECT/],
  ['CALL', () => 'call pragma_version()', 400, 'sql-refused', /not a SELECT/],
  [
    'select * from range(1e10)',
    () => 'select * from range(1e10)',
    400,
    'sql-refused',
    /table function range/,
  ],
  [
    'a CTE named like a file path',
    () => `with "${filesOfBronze}" as (select 1) select * from "${filesOfBronze}"`,
    400,
    'sql-refused',
    /plain identifiers/,
  ],
  [
    'a CTE reused in a sibling subquery',
    () => 'select * from (with x as (select 1) select * from x), (select * from x)',
    400,
    'sql-refused',
    /qualify table 'x'/,
  ],
  ['show all tables', () => 'show all tables', 400, 'sql-refused', /SHOW, DESCRIBE and SUMMARIZE/],
  [
    'select * from (show all tables)',
    () => 'select * from (show all tables)',
    400,
    'sql-refused',
    /SHOW, DESCRIBE and SUMMARIZE/,
  ],
  [
    'information_schema',
    () => 'select * from information_schema.tables',
    400,
    'sql-refused',
    /unknown schema/,
  ],
  [
    'current_setting',
    () => "select current_setting('allowed_directories')",
    400,
    'sql-refused',
    /current_setting\(\) is not available/,
  ],
  [
    'a huge cross join',
    () =>
      `select count(*) from ${DEV}.gold_analytics.numbers a, ${DEV}.gold_analytics.numbers b, ${DEV}.gold_analytics.numbers c, ${DEV}.gold_analytics.numbers d`,
    504,
    'query-timeout',
    /cancelled after/,
  ],
]

/** Checks an error answer: problem+json, the code, and nothing about the server in it. */
async function expectProblem(r: Response, status: number, code: string): Promise<string> {
  const text = await r.text()
  expect(r.status, text).toBe(status)
  expect(r.headers.get('content-type')).toBe('application/problem+json')
  const body = ProblemSchema.parse(JSON.parse(text))
  expect(body.code).toBe(code)
  expect(body.request_id).toBe(r.headers.get('x-request-id'))
  expect(text).not.toContain(h.fixture.home)
  expect(text).not.toMatch(/\/tmp\/pitwall|node_modules|\n\s+at |\.ts:\d+/)
  return body.detail
}

describe('hostile SQL over the API', () => {
  it.each(HOSTILE_SQL)('refuses or cuts off %s', async (_name, sql, status, code, detail) => {
    const r = await h.request('/api/sql', { token: h.tokens.admin, body: { sql: sql() } })
    expect(await expectProblem(r, status, code)).toMatch(detail)
  })

  it('refuses the same through the export endpoint', async () => {
    for (const [, sql, status, code] of HOSTILE_SQL.slice(0, 6)) {
      const r = await h.request('/api/sql/export', {
        token: h.tokens.admin,
        body: { sql: sql(), format: 'parquet' },
      })
      await expectProblem(r, status, code)
    }
  })
})

describe('hostile requests over the API', () => {
  it.each([
    [
      'SQL injection in a filter',
      "/api/sessions?session_type=Race'%20OR%20'1'%3D'1",
      400,
      'invalid-request',
    ],
    [
      'SQL injection in a path',
      '/api/sessions/9550%20OR%201%3D1/leaderboard',
      400,
      'invalid-request',
    ],
    [
      'path traversal in an export name',
      `/api/catalogs/${DEV}/schemas/gold_analytics/tables/..%2F..%2Fbronze_raw%2Fbronze_laps/export`,
      400,
      'invalid-request',
    ],
    [
      'path traversal in a catalog name',
      '/api/catalogs/..%2F..%2Fetc/schemas/x/tables/passwd/export?format=csv',
      400,
      'invalid-request',
    ],
    ['a huge limit', '/api/sessions/9550/laps?limit=1000000000', 400, 'invalid-request'],
    ['a huge offset', '/api/sessions/9550/laps?offset=99999999999', 400, 'invalid-request'],
    ['a negative limit', '/api/sessions?limit=-1', 400, 'invalid-request'],
    [
      'a version far in the future',
      `/api/catalogs/${DEV}/schemas/gold_analytics/tables/numbers/rows?version=999999`,
      404,
      'not-found',
    ],
    [
      'an unknown table',
      `/api/catalogs/${DEV}/schemas/gold_analytics/tables/nope/rows`,
      404,
      'not-found',
    ],
  ])('answers %s with a problem', async (_name, path, status, code) => {
    await expectProblem(await h.request(path, { token: h.tokens.admin }), status, code)
  })

  it('refuses malformed JSON, an oversized body, a huge SQL limit and unknown fields', async () => {
    const token = h.tokens.admin
    await expectProblem(
      await h.request('/api/sql', {
        token,
        raw: '{"sql": "select 1"',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
      'invalid-request',
    )
    const big = { sql: `select '${'x'.repeat(10_000)}' as padding` }
    await expectProblem(await h.request('/api/sql', { token, body: big }), 413, 'payload-too-large')
    await expectProblem(
      await h.request('/api/sql', { token, body: { sql: 'select 1', limit: 1e12 } }),
      400,
      'invalid-request',
    )
    await expectProblem(
      await h.request('/api/sql', { token, body: { sql: 'select 1', as: 'admin' } }),
      400,
      'invalid-request',
    )
    await expectProblem(
      await h.request('/api/sql', { token, body: { query: 'select 1' } }),
      400,
      'invalid-request',
    )
  })

  it('audits each hostile request, refused ones included', async () => {
    const before = (await h.audit()).length
    await h.request('/api/sql', {
      token: h.tokens.analyst,
      body: { sql: "select * from read_csv('/etc/passwd')" },
    })
    await h.request('/api/sessions/9550/laps?limit=1000000000', { token: h.tokens.analyst })
    const rows = (await h.audit()).slice(before)
    expect(rows.map((r) => [r['principal'], r['outcome'], r['status_code']])).toEqual([
      ['data_analysts', 'refused', 400],
      ['data_analysts', 'refused', 400],
    ])
    expect(rows[0]?.['sql_text']).toBe("select * from read_csv('/etc/passwd')")
  })
})

describe('hostile SQL through pitwall sql --as', () => {
  const cli = async (sql: string, principal = 'data_analysts') => {
    const io = memoryIo({ env: { NO_COLOR: '1' } })
    const code = await runCli(
      [
        '--home',
        h.fixture.home,
        'sql',
        '--as',
        principal,
        '--timeout',
        '2',
        '--format',
        'json',
        sql,
      ],
      io,
    )
    return { code, stdout: io.out(), stderr: io.err() }
  }

  it.each(HOSTILE_SQL)('refuses or cuts off %s', async (_name, sql, _status, _code, detail) => {
    const r = await cli(sql(), 'admin')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(detail)
    expect(r.stderr).not.toMatch(/\n\s+at |node_modules/)
  })

  it('fails a query past the memory limit with a clear message', async () => {
    // 3,000 strings of 1 MB cannot be held under 64 MB: DuckDB stops it once the memory is
    // used up (the generous time limit is only a safety net).
    const io = memoryIo({ env: { NO_COLOR: '1', PITWALL_MEMORY_LIMIT: '64MB' } })
    const sql = `select length(list(repeat('x', 1000000))) from ${DEV}.gold_analytics.numbers`
    const code = await runCli(
      ['--home', h.fixture.home, 'sql', '--as', 'admin', '--timeout', '600', sql],
      io,
    )
    expect(code).toBe(1)
    expect(io.err()).toMatch(/Out of Memory Error/)
    expect(io.out()).toBe('')
  })

  it('reads gold as an analyst, refuses silver and unknown principals, and audits all three', async () => {
    const before = (await h.audit()).length
    const ok = await cli(
      `select driver_number from ${DEV}.gold_analytics.session_leaderboard order by position`,
    )
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual([
      { driver_number: 14 },
      { driver_number: 63 },
      { driver_number: 81 },
    ])
    const silver = await cli('select * from silver_clean.silver_laps')
    expect([silver.code, silver.stdout]).toEqual([1, ''])
    expect(silver.stderr).toMatch(
      /access denied for data_analysts: data_analysts lacks USE SCHEMA on dev_f1_data_analytics\.silver_clean/,
    )
    const ghost = await cli('select 1', 'ghost')
    expect(ghost.code).toBe(1)
    expect(ghost.stderr).toMatch(/unknown principal 'ghost'/)
    const rows = (await h.audit()).slice(before)
    expect(rows.map((r) => [r['principal'], r['action'], r['outcome'], r['row_count']])).toEqual([
      ['data_analysts', 'cli.sql', 'ok', 3],
      ['data_analysts', 'cli.sql', 'denied', null],
      ['ghost', 'cli.sql', 'denied', null],
    ])
  })
})
