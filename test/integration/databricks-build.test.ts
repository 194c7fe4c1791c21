/**
 * Contract test of the Databricks adapter: a whole `build` of `warehouse/` (models, seeds,
 * snapshots, tests) through DatabricksEngine and DatabricksWarehouse against the recording fake
 * of the driver (`databricks-fake-driver.ts`), then what a second run, grants and bronze loads
 * emit. Asserts on the statements Databricks would receive.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  connectOptions,
  copyIntoSql,
  DatabricksConfigError,
  DatabricksEngine,
} from '../../src/engine/index.js'
import {
  DatabricksWarehouse,
  databricksLayouts,
  executeRun,
  relationKey,
  type ParsedProject,
} from '../../src/transform/index.js'
import { fakeDriver, type FakeDriver } from './databricks-fake-driver.js'
import { databricksProject } from './databricks-support.js'

const homes: string[] = []
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true })
})

async function open(driver: FakeDriver) {
  const home = mkdtempSync(join(tmpdir(), 'pitwall-dbx-'))
  homes.push(home)
  const project = databricksProject()
  const engine = await DatabricksEngine.open({ client: driver, catalog: 'f1_prod' })
  const warehouse = new DatabricksWarehouse({
    engine,
    home,
    catalog: 'f1_prod',
    layouts: databricksLayouts(project),
  })
  // The bronze tables exist (the Databricks bronze load created them with COPY INTO).
  for (const src of Object.values(project.sources)) {
    driver.relations.set(`${src.database}.${src.schema}.${src.identifier}`, {
      kind: 'table',
      columns: [],
    })
  }
  return { project, engine, warehouse, home, relations: sources(project) }
}

function sources(project: ParsedProject): Set<string> {
  return new Set(
    Object.values(project.sources).map((s) => relationKey(s.database, s.schema, s.identifier)),
  )
}

describe('Databricks adapter: a whole build against the driver contract', () => {
  it('builds every node with Databricks SQL: three-level backtick names, Delta DDL, no DuckDB-isms', async () => {
    const driver = fakeDriver()
    const { project, engine, warehouse, relations } = await open(driver)
    await warehouse.prepare([
      { database: 'f1_prod', schema: 'silver_clean', identifier: 'x' },
      { database: 'f1_prod', schema: 'gold_analytics', identifier: 'x' },
    ])
    // seed, run, snapshot, test — a build without unit tests: they compare result rows, which
    // only a real warehouse computes.
    const results = []
    for (const command of ['seed', 'run', 'snapshot', 'test'] as const) {
      const r = await executeRun(project, warehouse, {
        command,
        threads: 1,
        relations,
        exclude: ['test_type:unit'],
      })
      results.push(...r.results)
    }
    const outcome = { results }
    await engine.close()
    const failed = outcome.results.filter((r) => !['success', 'pass'].includes(r.status))
    expect(outcome.results.some((r) => r.unique_id.startsWith('unit_test.'))).toBe(false)
    expect(failed.map((r) => `${r.unique_id}: ${r.message}`)).toEqual([])
    const models = Object.values(project.nodes).filter(
      (n) => n.resource_type === 'model' && n.config.materialized !== 'ephemeral',
    )
    expect(outcome.results.length).toBeGreaterThan(models.length)
    expect(driver.sessions).toEqual([{ initialCatalog: 'f1_prod', closed: true }])

    const s = driver.statements
    expect(s).toContain('CREATE SCHEMA IF NOT EXISTS `f1_prod`.`gold_analytics`')
    // Every table model is one CREATE OR REPLACE TABLE … USING DELTA with its TBLPROPERTIES.
    const factLaps = s.find((x) =>
      x.startsWith('CREATE OR REPLACE TABLE `f1_prod`.`gold_analytics`.`fact_laps`'),
    )
    expect(factLaps).toMatch(/\nUSING DELTA\n/)
    expect(factLaps).toMatch(
      /TBLPROPERTIES \('quality' = 'gold', 'delta.deletedFileRetentionDuration' = 'interval 30 days'\)/,
    )
    const silverLaps = s.find((x) =>
      x.startsWith('CREATE OR REPLACE TABLE `f1_prod`.`silver_clean`.`silver_laps`'),
    )
    expect(silverLaps).toMatch(/'delta.enableChangeDataFeed' = 'true'/)
    for (const m of models) {
      const kind = m.config.materialized === 'view' ? 'VIEW' : 'TABLE'
      expect(
        s.some((x) =>
          x.startsWith(`CREATE OR REPLACE ${kind} \`f1_prod\`.\`${m.schema}\`.\`${m.alias}\``),
        ),
        m.name,
      ).toBe(true)
    }
    // Created with its properties: no second ALTER for the same.
    expect(s.filter((x) => x.startsWith('ALTER TABLE') && x.includes('`fact_laps`'))).toEqual([])
    // Snapshots: first run creates the SCD2 table.
    expect(
      s.some((x) => /^CREATE OR REPLACE TABLE `f1_prod`\.`[a-z_]+`\.`driver_snapshot`/.test(x)),
    ).toBe(true)
    // Staging tables are dropped again.
    const staged = s.filter((x) =>
      x.startsWith('CREATE OR REPLACE TABLE `f1_prod`.`pitwall_staging`'),
    )
    const dropped = s.filter((x) =>
      x.startsWith('DROP TABLE IF EXISTS `f1_prod`.`pitwall_staging`'),
    )
    expect(dropped.length).toBe(staged.length)
    // Nothing in DuckDB's dialect reaches Databricks.
    for (const x of s) {
      expect(x).not.toMatch(
        /"f1_prod"|\basof\b|by name|\bas varchar\)|timestamptz|\barg_min\(|\bepoch\(/i,
      )
    }
  }, 120_000)

  it('a second run merges incremental models on null-safe keys and replaces partitions atomically', async () => {
    const driver = fakeDriver()
    const { project, engine, warehouse, relations } = await open(driver)
    await executeRun(project, warehouse, { command: 'run', threads: 1, relations })
    driver.statements.length = 0
    const again = await executeRun(project, warehouse, {
      command: 'run',
      threads: 1,
      relations,
      select: ['silver_sessions', 'silver_laps'],
    })
    await engine.close()
    expect(again.results.map((r) => r.status)).toEqual(['success', 'success'])
    const s = driver.statements
    if (process.env['DEBUG_DBX'] === '1') console.log(s.join('\n---\n'))
    const merge = s.find((x) =>
      x.startsWith('MERGE INTO `f1_prod`.`silver_clean`.`silver_sessions`'),
    )
    expect(merge).toContain('ON t.`session_key` <=> s.`session_key`')
    expect(merge).toContain('WHEN MATCHED THEN UPDATE SET *\nWHEN NOT MATCHED THEN INSERT *')
    // silver_laps replaces its sessions' partitions (delete+insert on its partition column).
    expect(s.some((x) => x.startsWith('SELECT DISTINCT `session_key` FROM ('))).toBe(true)
  }, 120_000)

  it('applies grants as Unity Catalog GRANT / REVOKE statements', async () => {
    const driver = fakeDriver()
    const { engine, warehouse } = await open(driver)
    await warehouse.applyGrants(
      [
        { principal: 'data_analysts', privilege: 'USE CATALOG', on: { catalog: 'f1_prod' } },
        {
          principal: 'data_analysts',
          privilege: 'SELECT',
          on: { catalog: 'f1_prod', schema: 'gold_analytics' },
        },
        {
          principal: 'api_reader',
          privilege: 'SELECT',
          on: { catalog: 'f1_prod', schema: 'gold_analytics', table: 'fact_laps' },
        },
      ],
      [
        {
          principal: 'data_analysts',
          privilege: 'SELECT',
          on: { catalog: 'f1_prod', schema: 'silver_clean' },
        },
      ],
    )
    await warehouse.optimize(
      { database: 'f1_prod', schema: 'gold_analytics', identifier: 'fact_laps' },
      ['session_key', 'driver_number'],
    )
    await engine.close()
    expect(driver.statements).toEqual([
      'REVOKE SELECT ON SCHEMA `f1_prod`.`silver_clean` FROM `data_analysts`',
      'GRANT USE CATALOG ON CATALOG `f1_prod` TO `data_analysts`',
      'GRANT SELECT ON SCHEMA `f1_prod`.`gold_analytics` TO `data_analysts`',
      'GRANT SELECT ON TABLE `f1_prod`.`gold_analytics`.`fact_laps` TO `api_reader`',
      'OPTIMIZE `f1_prod`.`gold_analytics`.`fact_laps` ZORDER BY (`session_key`, `driver_number`)',
    ])
  })

  it('loads bronze with COPY INTO from a volume folder, and connects only with credentials', () => {
    const sql = copyIntoSql(
      { catalog: 'f1_prod', schema: 'bronze_raw', table: 'bronze_laps' },
      '/Volumes/f1_prod/bronze_raw/landing/laps/',
    )
    expect(sql).toMatch(/^COPY INTO `f1_prod`\.`bronze_raw`\.`bronze_laps`\n/)
    expect(sql).toContain("FROM '/Volumes/f1_prod/bronze_raw/landing/laps/'")
    expect(sql).toContain("COPY_OPTIONS ('mergeSchema' = 'true')")
    expect(sql).not.toContain('force')
    expect(connectOptions({ host: 'h', httpPath: '/p', token: 't' })).toMatchObject({
      authType: 'access-token',
      token: 't',
    })
    expect(
      connectOptions({ host: 'h', httpPath: '/p', oauthClientId: 'id', oauthClientSecret: 's' }),
    ).toMatchObject({ authType: 'databricks-oauth', oauthClientId: 'id' })
    expect(() => connectOptions({ host: 'h', httpPath: '/p' })).toThrow(DatabricksConfigError)
  })
})
