import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { defaultGrants } from './grants.js'
import { checkQueryAccess, queryReads } from './query-access.js'

const DEV = 'dev_f1_data_analytics'
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
})

const check = async (principal: string, sql: string) =>
  checkQueryAccess(await queryReads(engine, sql), principal, DEV, async (c) => defaultGrants([c]))

describe('query access', () => {
  it('lists the tables a query reads, CTEs and subqueries included, CTE names excluded', async () => {
    const reads = await queryReads(
      engine,
      `WITH fast AS (SELECT * FROM ${DEV}.gold_analytics.fact_laps) SELECT * FROM fast JOIN silver_clean.silver_drivers USING (driver_number) WHERE session_key IN (SELECT session_key FROM ${DEV}.gold_analytics.dim_sessions)`,
    )
    expect(reads.tables).toEqual([
      { catalog: DEV, schema: 'gold_analytics', table: 'fact_laps' },
      { catalog: '', schema: 'silver_clean', table: 'silver_drivers' },
      { catalog: DEV, schema: 'gold_analytics', table: 'dim_sessions' },
    ])
  })

  it('lets analysts read gold, not silver (two-part names resolve in the target catalog)', async () => {
    expect((await check('data_analysts', `SELECT * FROM ${DEV}.gold_analytics.x`)).allowed).toBe(
      true,
    )
    expect(await check('data_analysts', 'SELECT * FROM silver_clean.silver_laps')).toEqual({
      allowed: false,
      reason: `data_analysts lacks USE SCHEMA on ${DEV}.silver_clean`,
    })
    expect((await check('admin', 'SELECT * FROM silver_clean.silver_laps')).allowed).toBe(true)
  })

  it('refuses file reads, unqualified tables and statements other than SELECT', async () => {
    expect((await check('admin', "SELECT * FROM read_parquet('/etc/x.parquet')")).reason).toMatch(
      /read_parquet reads files directly/,
    )
    expect((await check('admin', 'SELECT * FROM laps')).reason).toMatch(/qualify table 'laps'/)
    expect((await check('admin', 'DROP TABLE x')).reason).toMatch(/only SELECT queries/)
  })
})
