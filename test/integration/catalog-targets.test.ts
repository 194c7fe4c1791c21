/**
 * `--target` picks the catalog: a load with `--target prod` lands in
 * `prod_f1_data_analytics.bronze_raw`, and `pitwall sql` sees every environment by name.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runInProcess as runPitwall, writeLanding } from './load-support.js'

const home = mkdtempSync(join(tmpdir(), 'pitwall-targets-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('catalog environments', () => {
  it('loads into the target catalog and queries any catalog by its three-level name', async () => {
    writeLanding(
      home,
      'stints',
      9550,
      '20240630_150000',
      JSON.stringify([
        { session_key: 9550, driver_number: 1, stint_number: 1, compound: 'MEDIUM', lap_start: 1 },
        { session_key: 9550, driver_number: 1, stint_number: 2, compound: 'HARD', lap_start: 24 },
      ]),
    )
    const load = await runPitwall(['--home', home, '--target', 'prod', '--json', 'load'])
    expect(load.code).toBe(0)
    expect(JSON.parse(load.stdout)).toMatchObject({
      catalog: 'prod_f1_data_analytics',
      totals: { files: 1, records: 2 },
    })
    const q = async (sql: string) =>
      await runPitwall(['--home', home, 'sql', '--format', 'json', sql])
    const prod = q(
      'SELECT compound, batch_day FROM prod_f1_data_analytics.bronze_raw.bronze_stints ORDER BY stint_number',
    )
    expect(JSON.parse((await prod).stdout)).toEqual([
      { compound: 'MEDIUM', batch_day: '2024-06-30' },
      { compound: 'HARD', batch_day: '2024-06-30' },
    ])
    const twoPart = await runPitwall([
      '--home',
      home,
      '--target',
      'prod',
      'sql',
      '--format',
      'json',
      'SELECT count(*) AS n FROM bronze_raw.bronze_stints',
    ])
    expect(JSON.parse(twoPart.stdout)).toEqual([{ n: 2 }])
    const dev = q(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_catalog = 'dev_f1_data_analytics'",
    )
    expect(JSON.parse((await dev).stdout)).toEqual([{ n: 0 }])
    const props = q(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = 'prod_f1_data_analytics' ORDER BY ALL",
    )
    expect(JSON.parse((await props).stdout)).toEqual([
      { table_schema: 'bronze_raw', table_name: 'bronze_stints' },
      { table_schema: 'system', table_name: 'load_log' },
    ])
    const commit0 = readFileSync(
      join(
        home,
        'prod_f1_data_analytics',
        'bronze_raw',
        'bronze_stints',
        '_delta_log',
        '00000000000000000000.json',
      ),
      'utf8',
    )
    const meta = commit0
      .split('\n')
      .filter((l) => l.includes('"metaData"'))
      .map((l) => JSON.parse(l) as { metaData: { configuration: Record<string, string> } })[0]
    expect(meta?.metaData.configuration).toMatchObject({
      quality: 'bronze',
      'pitwall.endpoint': 'stints',
    })
  })

  it('applies the default grants with --as: analysts may not read bronze, the dbt account may', async () => {
    const sql = 'SELECT count(*) AS n FROM prod_f1_data_analytics.bronze_raw.bronze_stints'
    const analyst = await runPitwall(['--home', home, 'sql', '--as', 'data_analysts', sql])
    expect(analyst.code).toBe(1)
    expect(analyst.stderr).toMatch(
      /access denied for data_analysts: data_analysts lacks USE SCHEMA on prod_f1_data_analytics\.bronze_raw/,
    )
    const dbt = await runPitwall([
      '--home',
      home,
      'sql',
      '--format',
      'json',
      '--as',
      'dbt_service_account',
      sql,
    ])
    expect(dbt.code).toBe(0)
    expect(JSON.parse(dbt.stdout)).toEqual([{ n: 2 }])
  })
})
