import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { guardSql } from './sql-guard.js'

const DEV = 'dev_f1_data_analytics'
const PROD = 'prod_f1_data_analytics'
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
})

const guard = (sql: string) => guardSql(engine, sql, { catalogs: [DEV, PROD], defaultCatalog: DEV })
const tablesOf = async (sql: string) => {
  const v = await guard(sql)
  if (!v.ok) throw new Error(`refused: ${v.reason}`)
  return v.tables.map((t) => `${t.catalog}.${t.schema}.${t.table}`)
}
const refusal = async (sql: string) => {
  const v = await guard(sql)
  return v.ok ? 'allowed' : v.code
}

describe('guardSql', () => {
  it('lists the tables a query reads: CTEs, subqueries, joins, set operations', async () => {
    expect(
      await tablesOf(
        `WITH fast AS (SELECT * FROM ${DEV}.gold_analytics.fact_laps)
         SELECT * FROM fast JOIN silver_clean.silver_drivers USING (driver_number)
         WHERE session_key IN (SELECT session_key FROM ${PROD}.gold_analytics.dim_sessions)
         UNION ALL SELECT * FROM "GOLD_ANALYTICS".fact_laps`,
      ),
    ).toEqual([
      `${DEV}.gold_analytics.fact_laps`,
      `${DEV}.silver_clean.silver_drivers`,
      `${PROD}.gold_analytics.dim_sessions`,
    ])
    expect(await tablesOf('SELECT 1 AS one')).toEqual([])
    expect(
      await tablesOf(
        `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3), s AS (SELECT * FROM r) SELECT * FROM s`,
      ),
    ).toEqual([])
  })

  it.each([
    ['stacked statements', `SELECT 1; DROP TABLE ${DEV}.gold_analytics.x`, 'sql-not-select'],
    ['two SELECTs', 'SELECT 1; SELECT 2', 'sql-multiple-statements'],
    [
      'a comment hiding a second statement',
      'SELECT 1 /* x */; -- y\nSELECT 2',
      'sql-multiple-statements',
    ],
    ['a syntax error', 'SELEC 1', 'sql-syntax'],
    ['an empty query', '  -- nothing\n', 'sql-syntax'],
    ['read_csv of /etc/passwd', "SELECT * FROM read_csv('/etc/passwd')", 'sql-table-function'],
    [
      'read_parquet of a table file',
      `SELECT * FROM read_parquet('/lake/${DEV}/bronze_raw/t/*.parquet')`,
      'sql-table-function',
    ],
    ['glob', "SELECT * FROM glob('/**')", 'sql-table-function'],
    ['range', 'SELECT * FROM range(1e10)', 'sql-table-function'],
    ['a file as a table name', "SELECT * FROM '/etc/passwd.csv'", 'sql-invalid-name'],
    ['COPY', `COPY (SELECT 1) TO '/tmp/x.csv'`, 'sql-not-select'],
    ['ATTACH', "ATTACH '/tmp/x.db' AS x", 'sql-not-select'],
    ['INSTALL', 'INSTALL httpfs', 'sql-not-select'],
    ['LOAD', 'LOAD httpfs', 'sql-not-select'],
    ['SET', 'SET enable_external_access = true', 'sql-not-select'],
    ['PRAGMA', 'PRAGMA database_list', 'sql-not-select'],
    ['CALL', 'CALL duckdb_settings()', 'sql-not-select'],
    ['CREATE', 'CREATE TABLE x AS SELECT 1', 'sql-not-select'],
    ['show all tables', 'SELECT * FROM (SHOW ALL TABLES)', 'sql-unsupported'],
    ['SHOW', 'SHOW ALL TABLES', 'sql-unsupported'],
    ['SUMMARIZE in a FROM', `SELECT * FROM (SUMMARIZE ${DEV}.gold_analytics.x)`, 'sql-unsupported'],
    ['an unqualified table', 'SELECT * FROM laps', 'sql-unqualified-table'],
    ['information_schema', 'SELECT * FROM information_schema.tables', 'sql-unknown-schema'],
    ['duckdb_tables()', 'SELECT * FROM duckdb_tables()', 'sql-table-function'],
    ['another database', 'SELECT * FROM memory.main.x', 'sql-unknown-catalog'],
    ['the system schema without catalog', 'SELECT * FROM system.grants', 'sql-unqualified-table'],
    ['current_setting', "SELECT current_setting('allowed_directories')", 'sql-forbidden-function'],
    [
      'a table function in a subquery expression',
      "SELECT (SELECT count(*) FROM read_text('/etc/hostname'))",
      'sql-table-function',
    ],
    [
      'a table function in a CTE',
      "WITH x AS (SELECT * FROM read_blob('/etc/hostname')) SELECT * FROM x",
      'sql-table-function',
    ],
  ])('refuses %s', async (_name, sql, code) => {
    expect(await refusal(sql)).toBe(code)
  })

  it('refuses a CTE named like a file path, and never takes a sibling subquery reference for it', async () => {
    expect(
      await refusal(`WITH "/etc/passwd.csv" AS (SELECT 1) SELECT * FROM "/etc/passwd.csv"`),
    ).toBe('sql-invalid-name')
    // `x` is a CTE only inside the first subquery: in the sibling it would be a table or a file.
    expect(
      await refusal(
        'SELECT * FROM (WITH x AS (SELECT 1 AS a) SELECT * FROM x) q1, (SELECT * FROM x) q2',
      ),
    ).toBe('sql-unqualified-table')
    // A CTE's own body does not see it (no self-reference without RECURSIVE).
    expect(await refusal('WITH x AS (SELECT * FROM x) SELECT * FROM x')).toBe(
      'sql-unqualified-table',
    )
    // Later CTEs see earlier ones, the body sees all.
    expect(
      await refusal('WITH a AS (SELECT 1 AS v), b AS (SELECT * FROM a) SELECT * FROM b, a'),
    ).toBe('allowed')
  })
})
